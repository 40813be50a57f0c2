/**
 * One CSV cell (RFC 4180): quoted when needed, and spreadsheet formulas
 * defused — names, tags and user agents are user input, and a cell starting
 * with = + - @ would run as a formula when the file is opened.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** Rows as CSV text with CRLF line ends. */
export const csvText = (rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string =>
  `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
