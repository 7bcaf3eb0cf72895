/**
 * Every metric the kiosk exports, written down once. The registry (metrics.ts), the alert rules
 * and the Grafana dashboard in deploy/monitoring/ use these names; a test checks that each name
 * the rules and the dashboard mention is one of them, so a rename cannot silently blind an alert.
 *
 * Prometheus conventions: a `kiosk_` prefix, the unit in the name (`_seconds`, `_bytes`),
 * `_total` for counters, `_timestamp_seconds` for moments, and one `_info` metric whose labels
 * carry the versions. Labels never carry personal data: the only label values are the kiosk's
 * own id, versions, and fixed words (states, kinds).
 */
export interface MetricDefinition {
  readonly name: string;
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly labelNames: readonly string[];
}

const gauge = (name: string, help: string, labelNames: readonly string[] = []): MetricDefinition => ({
  name,
  help,
  type: 'gauge',
  labelNames,
});
const counter = (name: string, help: string, labelNames: readonly string[] = []): MetricDefinition => ({
  name,
  help,
  type: 'counter',
  labelNames,
});

export const kioskMetrics = {
  buildInfo: gauge('kiosk_build_info', 'Always 1; the labels say which build runs and on which update channel.', [
    'version',
    'channel',
    'electron',
    'node',
  ]),
  startTime: gauge('kiosk_start_time_seconds', 'When the kiosk backend started (Unix seconds).'),
  outboxSubmissions: gauge(
    'kiosk_outbox_submissions',
    'Submissions in the outbox that are not accepted yet, by state (waiting, sending, needs_attention).',
    ['state'],
  ),
  outboxOldestWaitingAge: gauge(
    'kiosk_outbox_oldest_waiting_age_seconds',
    'Age of the oldest submission still waiting or sending; 0 when none waits.',
  ),
  outboxLastDelivery: gauge(
    'kiosk_outbox_last_delivery_timestamp_seconds',
    'When the provincial API last accepted a submission from this kiosk (Unix seconds); absent if never.',
  ),
  apiUp: gauge('kiosk_api_up', '1 when the provincial API answered the last time the kiosk asked, else 0.'),
  apiLatency: gauge('kiosk_api_latency_seconds', 'Round trip of the last health check of the provincial API.'),
  clockOffset: gauge(
    'kiosk_clock_offset_seconds',
    "The provincial API's clock minus the kiosk's clock, from the last health check.",
  ),
  diskFree: gauge('kiosk_disk_free_bytes', 'Free space on the disk of the data folder.'),
  diskFloor: gauge('kiosk_disk_floor_bytes', 'Free space below which the kiosk stops accepting dossiers.'),
  printerUp: gauge(
    'kiosk_printer_up',
    '1 when the receipt printer answers and is ready to print; absent without a thermal printer.',
  ),
  printerPaperLow: gauge('kiosk_printer_paper_low', '1 when the paper roll is near its end.'),
  printerPaperOut: gauge('kiosk_printer_paper_out', '1 when the printer is out of paper.'),
  printerCoverOpen: gauge('kiosk_printer_cover_open', '1 when the printer cover is open.'),
  visits: counter('kiosk_visits_total', 'Citizen visits started at this kiosk since it started (counts only).'),
  submissions: counter(
    'kiosk_submissions_total',
    'Submissions citizens made at this kiosk, by kind (dossier, complaint), since it was installed.',
    ['kind'],
  ),
  updateBehind: gauge(
    'kiosk_update_behind_seconds',
    "How long a newer release has been on this kiosk's update channel without being installed; 0 when current.",
  ),
  staffActions: gauge(
    'kiosk_staff_actions_24h',
    'What counter staff did on this kiosk in the last 24 hours, by action (unlock, failed_pin, lockout, reprint, retry, lookup); never by person.',
    ['action'],
  ),
  staffLastLockout: gauge(
    'kiosk_staff_last_lockout_timestamp_seconds',
    'When too many wrong PINs last locked the staff panel (Unix seconds); absent if never.',
  ),
} as const satisfies Record<string, MetricDefinition>;

export type KioskMetricKey = keyof typeof kioskMetrics;

/** Every series name the kiosk's registry can expose. */
export const kioskMetricNames: readonly string[] = Object.values(kioskMetrics).map((m) => m.name);

/** The label the kiosk puts on every series, and the Pushgateway's grouping key. */
export const KIOSK_ID_LABEL = 'kiosk_id';
