import "server-only";
import { csvRow } from "../licensing/csv";
import type { UsageReport } from "./types";

/*
 * One table of the usage report as CSV (RFC 4180, formula-safe cells, CRLF), the same numbers the
 * page shows beside its charts. Instants in ISO 8601 UTC; calendar days and hours of the week in
 * the report's time zone, which the first line names.
 */

export const USAGE_CSV_SECTIONS = ["daily", "hourly", "heatmap", "refusals", "agents", "scopes"] as const;
export type UsageCsvSection = (typeof USAGE_CSV_SECTIONS)[number];

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
const n = (v: number) => String(Math.round(v * 100) / 100);
const iso = (d: Date) => d.toISOString();

export function usageCsv(report: UsageReport, section: UsageCsvSection): string {
  const lines: (string | null)[][] = [];
  switch (section) {
    case "daily":
      lines.push([`day (${report.timeZone})`, "peak seats in use", "seats owned", "refusals", "seat-hours held"]);
      for (const d of report.dailyPeaks)
        lines.push([d.day, n(d.peak), n(report.seats), n(d.refusals), n(d.seatHoursUsed)]);
      break;
    case "hourly":
      lines.push(["hour (UTC)", "peak seats in use", "seats owned", "refusals"]);
      for (const h of report.hourlyPeaks) lines.push([iso(h.hour), n(h.peak), n(report.seats), n(h.refusals)]);
      break;
    case "heatmap":
      lines.push([`weekday (${report.timeZone})`, "hour", "average seats in use", "peak seats in use"]);
      WEEKDAYS.forEach((day, d) => {
        for (let h = 0; h < 24; h++)
          lines.push([day, String(h), n(report.heatmap[d]?.[h] ?? 0), n(report.heatmapPeak[d]?.[h] ?? 0)]);
      });
      break;
    case "refusals":
      lines.push(["time", "person", "pool", "waited seconds", "outcome"]);
      for (const r of report.refusals.items)
        lines.push([iso(r.at), r.name, r.poolName ?? "named seats", String(Math.round(r.waitedSeconds)), r.outcome]);
      break;
    case "agents":
      lines.push([
        "agent",
        "email",
        "license",
        "active hours",
        "held hours",
        "days active",
        "seat sessions",
        "refusals",
        "waited seconds",
      ]);
      for (const a of report.agents) {
        const license = !a.license
          ? "none"
          : a.license.kind === "NAMED"
            ? "named seat"
            : `pool ${a.license.poolName ?? ""}`.trim();
        lines.push([
          a.name,
          a.email,
          license,
          n(a.activeHours),
          n(a.heldHours),
          String(a.daysActive),
          String(a.leases),
          String(a.refusals),
          String(Math.round(a.waitedSeconds)),
        ]);
      }
      break;
    case "scopes":
      lines.push(["seats", "owned", "peak in use", "refusals", "seat-hours held"]);
      for (const s of report.scopes) lines.push([s.name, n(s.seats), n(s.peak), n(s.refusals), n(s.seatHoursUsed)]);
      break;
  }
  return lines.map(csvRow).join("");
}
