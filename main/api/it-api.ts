import { mkdirSync } from 'node:fs';
import type { itContract } from '../../common/contract/diagnostics';
import { kioskError } from '../../common/errors';
import { err, ok } from '../../common/result';
import type { DeviceIdentity } from '../services/device/device-identity';
import { runDiagnostics, type DiagnosticsSources } from '../services/diagnostics/diagnostics';
import { exportLogs } from '../services/diagnostics/export-logs';
import { testPageLayout } from '../services/diagnostics/test-page';
import type { Printing } from '../services/printing/printing-service';
import type { HandlersOf } from './dispatch';

/**
 * The IT screen's methods (guard `it`: an IT account's PIN): run the checks, print a test page,
 * export the logs, enrol the kiosk. The same checks as `kiosk-admin doctor`.
 */
export function buildItApi(deps: {
  diagnostics: DiagnosticsSources;
  printing: Pick<Printing, 'printTestPage' | 'thermal' | 'paperWidthMm'>;
  enrol: (code: string) => ReturnType<DeviceIdentity['enrol']>;
  logs: { dir: string | null; recent: () => readonly string[]; defaultExportDir: string };
}): HandlersOf<typeof itContract> {
  const { diagnostics, printing } = deps;
  return {
    'it.diagnostics': async () => ok(await runDiagnostics(diagnostics)),
    'it.testPrint': async () => {
      if (!printing.thermal) return ok({ printed: false, problem: 'not_configured' as const, paperLow: false });
      const page = testPageLayout({ kioskId: diagnostics.config.kioskId, paperWidthMm: printing.paperWidthMm, at: new Date(diagnostics.now()) });
      const outcome = await printing.printTestPage(page);
      return ok(outcome.ok ? { printed: true, problem: null, paperLow: outcome.paperLow } : { printed: false, problem: outcome.problem, paperLow: false });
    },
    'it.exportLogs': async ({ folder }) => {
      const target = folder ?? deps.logs.defaultExportDir;
      if (folder === null) {
        try {
          mkdirSync(target, { recursive: true, mode: 0o700 });
        } catch {
          return err(kioskError('export_folder_unavailable'));
        }
      }
      const report = await runDiagnostics(diagnostics);
      return exportLogs({ folder: target, report, logDir: deps.logs.dir, recentLines: deps.logs.recent, now: diagnostics.now });
    },
    'it.enrol': async ({ code }) => {
      const r = await deps.enrol(code);
      return r.ok ? ok({ state: r.value.state, fingerprint: r.value.fingerprint.slice(0, 16) }) : r;
    },
  };
}
