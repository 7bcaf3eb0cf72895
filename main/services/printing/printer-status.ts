/**
 * What the printer's DLE EOT answers mean (Epson's real-time status bytes; the fixed bits are
 * 0x12 in every answer, which is how we tell a status byte from noise).
 */
export type PrinterProblem = 'offline' | 'cover_open' | 'paper_out' | 'error';

export interface PrinterStatus {
  ready: boolean;
  problems: PrinterProblem[];
  /** Paper near its end: still prints, the clerk should change the roll soon. */
  paperLow: boolean;
}

const isStatusByte = (b: number | undefined): b is number => b !== undefined && (b & 0x93) === 0x12;

/**
 * Reads the answers to DLE EOT 1 (printer), 2 (offline cause) and 4 (roll paper sensor).
 * A missing or malformed byte counts as "offline": we cannot tell the printer is fine.
 */
export function interpretStatus(answers: { printer?: number; offline?: number; paper?: number }): PrinterStatus {
  const problems = new Set<PrinterProblem>();
  const { printer, offline, paper } = answers;
  if (!isStatusByte(printer) || !isStatusByte(offline) || !isStatusByte(paper)) {
    return { ready: false, problems: ['offline'], paperLow: false };
  }
  if (printer & 0x08) problems.add('offline');
  if (offline & 0x04) problems.add('cover_open');
  if (offline & 0x20) problems.add('paper_out');
  if (offline & 0x40) problems.add('error');
  if (paper & 0x60) problems.add('paper_out');
  // Offline is the printer's summary of the causes above; keep only the cause when there is one.
  if (problems.size > 1) problems.delete('offline');
  return { ready: problems.size === 0, problems: [...problems], paperLow: (paper & 0x0c) !== 0 };
}

/** The bytes a printer in a given condition answers (the emulator speaks with these). */
export function statusBytes(condition: { coverOpen?: boolean; paperOut?: boolean; paperLow?: boolean }): {
  printer: number;
  offline: number;
  paper: number;
} {
  const down = Boolean(condition.coverOpen || condition.paperOut);
  return {
    printer: 0x12 | (down ? 0x08 : 0),
    offline: 0x12 | (condition.coverOpen ? 0x04 : 0) | (condition.paperOut ? 0x20 : 0),
    paper: 0x12 | (condition.paperOut ? 0x60 : 0) | (condition.paperLow ? 0x0c : 0),
  };
}
