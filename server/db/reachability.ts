import "server-only";

/**
 * A cheap "is the database reachable" flag for the app's own server (scripts/serve.ts): a page
 * request that fails with 500 while it is false is answered 503 with Retry-After instead
 * (issue 11). It is set false by a pg pool losing a connection and by the classifier
 * (./unavailable.ts) or the request error hook (instrumentation.ts) seeing a connection error; it
 * is set true again by any new connection a pool makes, or by a probe run at most once a second
 * while it is false. Reading it while true costs one property read.
 *
 * No "server-only" here: like ./pg.ts, which sets it, this is loaded by scripts outside Next too.
 * On globalThis: serve.ts and Next's bundled server code load their own copies of this module in
 * one process, and must share one flag.
 */
type Reachability = { reachable: boolean; lastProbeAt: number; probe: (() => Promise<unknown>) | null };

const KEY = Symbol.for("seatdesk.databaseReachability");
const holder = globalThis as unknown as { [KEY]?: Reachability };
const state = (holder[KEY] ??= { reachable: true, lastProbeAt: 0, probe: null });

const PROBE_INTERVAL_MS = 1000;

/** Marks the database out of reach; `probe` (e.g. a `select 1` on the pool that failed) checks it later. */
export function markDatabaseUnreachable(probe?: () => Promise<unknown>): void {
  state.reachable = false;
  if (probe) state.probe = probe;
}

export function markDatabaseReachable(): void {
  state.reachable = true;
}

/**
 * Whether the database was reachable as last seen. While it is not, a probe runs in the
 * background at most once a second; its answer is for the next caller, this one is not kept waiting.
 */
export function isDatabaseReachable(now = Date.now()): boolean {
  if (state.reachable) return true;
  if (state.probe && now - state.lastProbeAt >= PROBE_INTERVAL_MS) {
    state.lastProbeAt = now;
    state.probe().then(markDatabaseReachable, () => {});
  }
  return false;
}
