import { call } from '../api/client';

/** What the province publishes: provinces and communes, procedures, the agencies that take each. */

export const adminUnits = () => call('catalog.adminUnits', {});

export const procedures = () => call('catalog.procedures', {});

export const agenciesFor = (procedureCode: string) => call('catalog.agencies', { procedureCode });
