import { performance } from "node:perf_hooks";
import { trpcResult, type SignedInAgent } from "../../scripts/lib/agent-client";
import { httpRequest } from "../../scripts/lib/http-client";
import { percentile } from "./load";

/*
 * The ticket benchmark's reads: a tRPC query as the browser's client sends it (GET, input in
 * superjson's envelope), and a latency series of requests sent one at a time.
 */

export async function trpcQuery<T>(who: SignedInAgent, path: string, input: unknown): Promise<T> {
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const res = await httpRequest(new URL(`/api/trpc/${path}${query}`, who.baseUrl), {
    method: "GET",
    headers: { cookie: who.cookie },
  });
  return trpcResult<T>(path, res);
}

/** `slowest`: the index of the slowest call. */
export type Series = {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  firstError: string | null;
  slowest: number;
};

/** `n` calls one after the other (after `warmup` unmeasured ones): the time of each round trip. */
export async function sequential(
  n: number,
  call: (i: number) => Promise<unknown>,
  warmup = Math.min(20, n),
): Promise<Series> {
  for (let i = 0; i < warmup; i++) await call(i).catch(() => {});
  const times: number[] = [];
  let slowest = 0; // the call (i) that took longest, to explain
  let slowestMs = -1;
  let errors = 0;
  let firstError: string | null = null;
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    try {
      await call(i);
      const ms = performance.now() - started;
      if (ms > slowestMs) [slowest, slowestMs] = [i, ms];
      times.push(ms);
    } catch (error) {
      errors++;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
  }
  return {
    n,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    max: times.length ? Math.max(...times) : NaN,
    errors,
    firstError,
    slowest,
  };
}
