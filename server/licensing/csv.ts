import "server-only";

/*
 * CSV cells as RFC 4180 wants them, and safe to open in a spreadsheet: a cell that starts with
 * = + - @ (or a tab or carriage return) would be run as a formula by Excel, LibreOffice and
 * Google Sheets, so it gets a leading single quote (OWASP's advice for CSV injection).
 */

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return "";
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One record, CRLF-terminated. */
export function csvRow(cells: readonly (string | null | undefined)[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
