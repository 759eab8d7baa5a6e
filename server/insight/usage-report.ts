import "server-only";
import type { Db } from "../db/client";
import { AppError } from "../errors";
import { usageReportInput } from "@/lib/validation/insight";
import { parseInsightInput } from "./parse";
import { HOUR_MS } from "./hour-aggregate";
import { hourSeries } from "./usage-hours";
import { localHours } from "./local-hours";
import { loadRefusalItems } from "./refusals";
import { loadAgentUsage } from "./agents";
import { readDeskTimeZone, refreshAgentDayRollup } from "./agent-rollup";
import { noHistoryMessage } from "./period";
import type { DailyPeak, ScopeSummary, UsageReport, UsageReportInput } from "./types";

/*
 * The usage report of one scope (named seats, one pool, or every seat) over a period, counted in
 * whole UTC hours: `from` rounds down to the hour, `to` up (and no later than the current hour:
 * the future has no use yet). Seat-hours owned use today's seat counts (pool sizes, named seats
 * owned) for the whole period.
 */

type ScopeInfo = { key: string; name: string; seats: number; names: Map<string, { name: string; seats: number }> };

async function resolveScope(db: Db, scope: string): Promise<ScopeInfo> {
  const entitlement = await db.entitlement.findUnique({ where: { id: 1 }, select: { namedSeats: true } });
  const namedSeats = entitlement?.namedSeats ?? (await db.seatAssignment.count({ where: { kind: "NAMED" } }));
  const pools = await db.seatPool.findMany({ select: { id: true, name: true, size: true, deletedAt: true } });
  const names = new Map<string, { name: string; seats: number }>([
    ["named", { name: "Named seats", seats: namedSeats }],
  ]);
  for (const p of pools)
    names.set(p.id, { name: p.deletedAt ? `${p.name} (deleted)` : p.name, seats: p.deletedAt ? 0 : p.size });
  if (scope === "named") return { key: "named", name: "Named seats", seats: namedSeats, names };
  if (scope === "all")
    return { key: "*", name: "All seats", seats: [...names.values()].reduce((n, s) => n + s.seats, 0), names };
  const pool = names.get(scope);
  if (!pool) throw new AppError("NOT_FOUND", "That pool does not exist: choose one from the list.", undefined, "scope");
  return { key: scope, name: pool.name, seats: pool.seats, names };
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;
const grid = () => Array.from({ length: 7 }, () => new Array<number>(24).fill(0));

/** The usage report of one scope (named seats, one pool, or every seat) over a period. */
export async function getUsageReport(db: Db, input: UsageReportInput): Promise<UsageReport> {
  const parsed = parseInsightInput(usageReportInput, input);
  const scope = await resolveScope(db, parsed.scope);
  const deskTimeZone = await readDeskTimeZone(db);
  const timeZone = parsed.timeZone ?? deskTimeZone;
  const [{ now }] = await db.$queryRaw<[{ now: Date }]>`select now() as now`;
  const start = new Date(Math.floor(parsed.from.getTime() / HOUR_MS) * HOUR_MS);
  const lastHour = Math.ceil((now.getTime() + 1) / HOUR_MS) * HOUR_MS;
  const end = new Date(
    Math.max(start.getTime(), Math.min(Math.ceil(parsed.to.getTime() / HOUR_MS) * HOUR_MS, lastHour)),
  );
  const hours = Math.round((end.getTime() - start.getTime()) / HOUR_MS);

  // The per-person rollup is kept in the desk's time zone only (a report in another one counts
  // its people live: slower, same figures).
  const rolledUp = timeZone === deskTimeZone ? refreshAgentDayRollup(db, timeZone) : Promise.resolve(null);
  // Three independent reads, side by side on their own connections.
  const [series, refusals, agents] = await Promise.all([
    hourSeries(db, scope.key, start, end),
    loadRefusalItems(db, start, end, parsed.scope),
    rolledUp.then((to) => loadAgentUsage(db, start, end, parsed.scope, timeZone, to)),
  ]);

  const local = localHours(start.getTime(), hours, timeZone);
  const hourlyPeaks = new Array(hours);
  const days: DailyPeak[] = [];
  const heatSum = grid();
  const heatCount = grid();
  const heatmapPeak = grid();
  let held = 0;
  let idle = 0;
  let grants = 0;
  let refused = 0;
  let peak = 0;
  for (let h = 0; h < hours; h++) {
    const { day, weekday, hour } = local[h]!;
    const p = series.peak[h]!;
    hourlyPeaks[h] = { hour: new Date(start.getTime() + h * HOUR_MS), peak: p, refusals: series.refusals[h]! };
    const last = days.at(-1);
    const today = last?.day === day ? last : (days.push({ day, peak: 0, refusals: 0, seatHoursUsed: 0 }), days.at(-1)!);
    today.peak = Math.max(today.peak, p);
    today.refusals += series.refusals[h]!;
    today.seatHoursUsed += series.held[h]! / 3600;
    heatSum[weekday]![hour]! += series.held[h]! / 3600;
    heatCount[weekday]![hour]!++;
    heatmapPeak[weekday]![hour] = Math.max(heatmapPeak[weekday]![hour]!, p);
    held += series.held[h]!;
    idle += series.idle[h]!;
    grants += series.grants[h]!;
    refused += series.refusals[h]!;
    peak = Math.max(peak, p);
  }
  for (const d of days) d.seatHoursUsed = round(d.seatHoursUsed);
  const heatmap = heatSum.map((row, w) => row.map((sum, h) => (heatCount[w]![h] ? round(sum / heatCount[w]![h]!) : 0)));

  const empty = held === 0 && grants === 0 && refused === 0 && agents.length === 0;
  const owned = scope.seats * hours;
  const scopes: ScopeSummary[] =
    scope.key === "*"
      ? [
          ...new Set([
            "named",
            ...[...scope.names.keys()].filter((k) => scope.names.get(k)!.seats > 0),
            ...series.byScope.keys(),
          ]),
        ].map((key) => {
          const s = series.byScope.get(key);
          const info = scope.names.get(key);
          return {
            scope: key,
            name: info?.name ?? "A deleted pool",
            seats: info?.seats ?? 0,
            peak: s?.peak ?? 0,
            refusals: s?.refusals ?? 0,
            seatHoursUsed: round((s?.held ?? 0) / 3600),
          };
        })
      : [];

  return {
    from: start,
    to: end,
    scope: parsed.scope,
    scopeName: scope.name,
    timeZone,
    generatedAt: now,
    empty,
    message: empty ? noHistoryMessage(start, end) : null,
    seats: scope.seats,
    peak,
    hourlyPeaks,
    dailyPeaks: days,
    heatmap,
    heatmapPeak,
    refusals: {
      count: refused,
      ratePercent: grants + refused === 0 ? 0 : round((refused / (grants + refused)) * 100),
      items: refusals.items,
      truncated: refusals.truncated,
    },
    seatHoursUsed: round(held / 3600),
    seatHoursIdle: round(Math.max(0, owned - held / 3600)),
    seatHoursHeldIdle: round(idle / 3600),
    seatHoursOwned: owned,
    agents,
    scopes,
  };
}
