import type { DiagnosticsReport } from '../../../common/contract/diagnostics';
import type { KioskConfig } from '../../config/schema';

/**
 * The configuration as IT needs to read it on the screen, in doctor's output and in an exported
 * zip: what the kiosk runs with, never a secret. PIN hashes, bearer tokens and passwords in URLs
 * are left out by construction (each line is chosen here, nothing is copied wholesale); staff
 * appear as counts per role.
 */
export function summariseConfig(config: KioskConfig): DiagnosticsReport['config'] {
  const lines: DiagnosticsReport['config'] = [];
  const add = (key: string, value: string | number | boolean | null | undefined) => {
    if (value !== undefined && value !== null) lines.push({ key, value: String(value) });
  };
  add('mode', config.mode);
  add('kioskId', config.kioskId);
  add('configFile', config.configFile ?? '(none)');
  add('api.baseUrl', config.api ? safeUrl(config.api.baseUrl) : '(built-in simulator)');
  add('api.timeoutMs', config.api?.timeoutMs);
  add('dataDir', config.dataDir);
  add('device.keyDir', config.device.keyDir);
  add('device.keyProtection', config.device.keyProtection ?? '(shell default)');
  add('dataKey.file', config.dataKey.file ?? '(default)');
  add('dataKey.protection', config.dataKey.protection ?? '(shell default)');
  add('printer', printerTarget(config.printer).describe);
  add('locale', config.locale);
  add('idleTimeoutSeconds', config.idleTimeoutSeconds);
  const staff = config.staff ?? [];
  add('staff', `${staff.filter((s) => s.role === 'clerk').length} clerk, ${staff.filter((s) => s.role === 'it').length} it`);
  add('attachments.folders', (config.attachments.folders ?? []).map((f) => `${f.id}=${f.path}`).join(', ') || '(none: camera only)');
  add('storage.floor', `${config.storage.minFreeMegabytes} MB or ${config.storage.minFreePercent}% of the disk`);
  add('retention.acceptedDays', config.retention.acceptedDays);
  add('monitoring.metrics', config.monitoring.metrics ? `${config.monitoring.metrics.host}:${config.monitoring.metrics.port}${config.monitoring.metrics.bearerToken ? ' (token set)' : ''}` : 'off');
  add('monitoring.pushgateway', config.monitoring.pushgateway ? safeUrl(config.monitoring.pushgateway.url) : 'off');
  add('monitoring.heartbeatIntervalSeconds', config.monitoring.heartbeatIntervalSeconds);
  add('update', config.update ? `${safeUrl(config.update.url)} (${config.update.channel})` : 'off');
  return lines;
}

/** A URL without credentials, query or fragment (a token may ride in any of them). */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** The configured receipt printer as the report names it. */
export function printerTarget(p: KioskConfig['printer']): {
  type: DiagnosticsReport['printer']['type'];
  target: string | null;
  describe: string;
} {
  switch (p.type) {
    case 'none':
      return { type: 'none', target: null, describe: 'none (system printer)' };
    case 'network':
      return { type: 'network', target: `${p.host}:${p.port}`, describe: `network ${p.host}:${p.port}, ${p.paperWidthMm} mm, ${p.encoding}` };
    case 'usb': {
      const hex = (n: number) => n.toString(16).padStart(4, '0');
      const target = `${hex(p.vendorId)}:${hex(p.productId)}`;
      return { type: 'usb', target, describe: `usb ${target}, ${p.paperWidthMm} mm, ${p.encoding}` };
    }
    case 'serial':
      return { type: 'serial', target: p.path, describe: `serial ${p.path} @${p.baudRate}, ${p.paperWidthMm} mm, ${p.encoding}` };
  }
}
