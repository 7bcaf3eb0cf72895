import type { z } from 'zod';
import type { DossierSubmitInput as Schema } from '../../../common/domain/wizard';

/** The submission as main receives it: already parsed (and normalised) by the contract's schema. */
export type DossierSubmitInput = z.output<typeof Schema>;
