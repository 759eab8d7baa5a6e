import "server-only";

/*
 * Seat use per hour from lease intervals: the high-water mark (most seats held at one instant),
 * seat-seconds held, the part of those held idle (after the holder's last activity, until the
 * idle timeout ended the lease) and grants. One sweep per scope over the interval ends; used for
 * the rollup (server/insight/rollup.ts) and for the recent hours a report computes live, so both
 * count the same way.
 */

export const HOUR_MS = 3_600_000;

export type LeaseSpans = {
  scope: string;
  /** [grantedAt, endedAt (or now), idleFrom, ...] in epoch milliseconds. */
  spans: number[];
};

export type HourStats = { peak: Int32Array; held: Float64Array; idle: Float64Array; grants: Int32Array };

function emptyStats(hours: number): HourStats {
  return {
    peak: new Int32Array(hours),
    held: new Float64Array(hours),
    idle: new Float64Array(hours),
    grants: new Int32Array(hours),
  };
}

/** Adds [from, to) to `into` hour by hour (clipped to the window). */
function addSeconds(into: Float64Array, start: number, from: number, to: number): void {
  const hours = into.length;
  const lo = Math.max(from, start);
  const hi = Math.min(to, start + hours * HOUR_MS);
  if (hi <= lo) return;
  for (let h = Math.floor((lo - start) / HOUR_MS); h < hours; h++) {
    const hs = start + h * HOUR_MS;
    if (hs >= hi) break;
    const overlap = Math.min(hi, hs + HOUR_MS) - Math.max(lo, hs);
    if (overlap > 0) into[h]! += overlap / 1000;
  }
}

function sweepPeaks(peak: Int32Array, start: number, points: number[]): void {
  // points: [time, delta, ...]; ends before starts at the same time (a seat handed over is one seat).
  const order = new Array<number>(points.length / 2);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => points[2 * a]! - points[2 * b]! || points[2 * a + 1]! - points[2 * b + 1]!);
  let level = 0;
  let k = 0;
  for (let h = 0; h < peak.length; h++) {
    const hourStart = start + h * HOUR_MS;
    const hourEnd = hourStart + HOUR_MS;
    // Seats released exactly at the hour's start are not in use during it.
    while (k < order.length && points[2 * order[k]!]! === hourStart && points[2 * order[k]! + 1]! < 0) {
      level += points[2 * order[k]! + 1]!;
      k++;
    }
    let max = level;
    while (k < order.length && points[2 * order[k]!]! < hourEnd) {
      level += points[2 * order[k]! + 1]!;
      if (level > max) max = level;
      k++;
    }
    peak[h] = max;
  }
}

/** Stats per scope, plus "*" for every seat together, for the hours [start, end) (hour-aligned). */
export function aggregateHours(leases: LeaseSpans[], start: number, end: number): Map<string, HourStats> {
  const hours = Math.round((end - start) / HOUR_MS);
  const result = new Map<string, HourStats>();
  const all = emptyStats(hours);
  const allPoints: number[] = [];
  for (const { scope, spans } of leases) {
    const stats = result.get(scope) ?? emptyStats(hours);
    result.set(scope, stats);
    const points: number[] = [];
    for (let i = 0; i + 2 < spans.length; i += 3) {
      const granted = spans[i]!;
      const ended = spans[i + 1]!;
      const idleFrom = Math.min(ended, Math.max(granted, spans[i + 2]!));
      if (granted >= start && granted < end) {
        const h = Math.floor((granted - start) / HOUR_MS);
        stats.grants[h]!++;
        all.grants[h]!++;
      }
      addSeconds(stats.held, start, granted, ended);
      addSeconds(all.held, start, granted, ended);
      addSeconds(stats.idle, start, idleFrom, ended);
      addSeconds(all.idle, start, idleFrom, ended);
      const lo = Math.max(granted, start);
      const hi = Math.min(ended, end);
      if (hi > lo) points.push(lo, 1, hi, -1);
    }
    sweepPeaks(stats.peak, start, points);
    for (const p of points) allPoints.push(p);
  }
  sweepPeaks(all.peak, start, allPoints);
  result.set("*", all);
  return result;
}
