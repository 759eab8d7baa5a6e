import "server-only";
import type { Db } from "../db/client";
import { aggregateHours, HOUR_MS } from "./hour-aggregate";
import { fetchLeaseSpans, fetchRefusalHours, refreshSeatUsageRollup } from "./rollup";

/*
 * Dense per-hour series of one scope ("*", "named" or a pool id) over [start, end): the rolled up
 * hours from SeatUsageHour, the rest computed live from the lease rows (live leases up to now).
 */

export type HourSeries = {
  peak: Int32Array;
  held: Float64Array;
  idle: Float64Array;
  grants: Int32Array;
  refusals: Int32Array;
  /** Per scope totals (for "*": one line per pool and for named seats). */
  byScope: Map<string, { peak: number; held: number; refusals: number }>;
};

type RollupRow = {
  scope: string;
  hour: Date;
  peak: number;
  heldSeconds: number;
  idleSeconds: number;
  grants: number;
  refusals: number;
};

export async function hourSeries(db: Db, scopeKey: string, start: Date, end: Date): Promise<HourSeries> {
  const hours = Math.round((end.getTime() - start.getTime()) / HOUR_MS);
  const series: HourSeries = {
    peak: new Int32Array(hours),
    held: new Float64Array(hours),
    idle: new Float64Array(hours),
    grants: new Int32Array(hours),
    refusals: new Int32Array(hours),
    byScope: new Map(),
  };
  const addScope = (scope: string, peak: number, held: number, refusals: number) => {
    const s = series.byScope.get(scope) ?? { peak: 0, held: 0, refusals: 0 };
    s.peak = Math.max(s.peak, peak);
    s.held += held;
    s.refusals += refusals;
    series.byScope.set(scope, s);
  };

  const final = await refreshSeatUsageRollup(db);
  const rolledEnd = new Date(Math.min(end.getTime(), Math.max(start.getTime(), final.getTime())));
  if (rolledEnd > start) {
    const rows = await db.$queryRaw<RollupRow[]>`
      select scope, hour, peak, "heldSeconds", "idleSeconds", grants, refusals from "SeatUsageHour"
      where scope = ${scopeKey} and hour >= ${start} and hour < ${rolledEnd}`;
    for (const r of rows) {
      const h = Math.round((r.hour.getTime() - start.getTime()) / HOUR_MS);
      series.peak[h] = r.peak;
      series.held[h] = r.heldSeconds;
      series.idle[h] = r.idleSeconds;
      series.grants[h] = r.grants;
      series.refusals[h] = r.refusals;
    }
    if (scopeKey === "*") {
      const totals = await db.$queryRaw<{ scope: string; peak: number; held: number; refusals: number }[]>`
        select scope, max(peak)::int as peak, sum("heldSeconds")::float8 as held, sum(refusals)::int as refusals
          from "SeatUsageHour"
        where scope <> '*' and hour >= ${start} and hour < ${rolledEnd} group by scope`;
      for (const t of totals) addScope(t.scope, t.peak, t.held, t.refusals);
    }
  }

  if (end > rolledEnd) {
    const scopeFilter = scopeKey === "*" ? null : scopeKey;
    const stats = aggregateHours(
      await fetchLeaseSpans(db, rolledEnd, end, scopeFilter),
      rolledEnd.getTime(),
      end.getTime(),
    );
    const offset = Math.round((rolledEnd.getTime() - start.getTime()) / HOUR_MS);
    const mine = stats.get(scopeKey);
    if (mine) {
      for (let h = 0; h < mine.peak.length; h++) {
        series.peak[offset + h] = mine.peak[h]!;
        series.held[offset + h] = mine.held[h]!;
        series.idle[offset + h] = mine.idle[h]!;
        series.grants[offset + h] = mine.grants[h]!;
      }
    }
    const refusals = await fetchRefusalHours(db, rolledEnd, end, scopeFilter);
    for (const r of refusals)
      series.refusals[Math.round((r.hour.getTime() - start.getTime()) / HOUR_MS)]! += r.refusals;
    if (scopeKey === "*") {
      for (const [scope, s] of stats) {
        if (scope === "*") continue;
        addScope(
          scope,
          s.peak.reduce((m, v) => Math.max(m, v), 0),
          s.held.reduce((a, v) => a + v, 0),
          0,
        );
      }
      for (const r of refusals) addScope(r.scope, 0, 0, r.refusals);
    }
  }
  return series;
}
