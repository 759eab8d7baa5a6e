/** Plain-text tables for the benchmark's report. */

export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? "").length)));
  const line = (r: string[]) =>
    "  " + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("   ");
  return [line(cells[0]!), "  " + widths.map((w) => "-".repeat(w)).join("   "), ...cells.slice(1).map(line)].join("\n");
}

export const fmt = (n: number, digits = 0) => (n === Infinity ? "∞" : Number.isFinite(n) ? n.toFixed(digits) : "n/a");
export const pct = (ratio: number) => (Number.isFinite(ratio) ? `${(ratio * 100).toFixed(1)}%` : "n/a");
export const passFail = (ok: boolean) => (ok ? "PASS" : "FAIL");
