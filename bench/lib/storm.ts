import { performance } from "node:perf_hooks";
import pg from "pg";
import { checkoutOverHttp, type SignedInAgent } from "../../scripts/lib/agent-client";
import type { BenchPool } from "./fixtures";

/*
 * (c) The storm: every member of a small pool asks for a seat at the same instant over HTTP.
 * Over-allocation is read from the database afterwards: open leases beyond the pool's size.
 */

export type StormResult = {
  agents: number;
  seats: number;
  granted: number;
  refused: number;
  errors: number;
  firstError: string | null;
  openLeases: number;
  overAllocated: number;
  seconds: number;
};

export async function runStorm(databaseUrl: string, pool: BenchPool, agents: SignedInAgent[]): Promise<StormResult> {
  let granted = 0;
  let refused = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  await Promise.all(
    agents.map(async (agent) => {
      try {
        const { status } = await checkoutOverHttp(agent);
        if (status === "granted") granted++;
        else if (status === "refused") refused++;
        else throw new Error(`seat.checkout answered ${status}`);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(
      `select count(*)::int as n from "SeatLease" where "poolId" = $1 and "endedAt" is null`,
      [pool.id],
    );
    const openLeases = rows[0]!.n;
    return {
      agents: agents.length,
      seats: pool.size,
      granted,
      refused,
      errors,
      firstError,
      openLeases,
      overAllocated: Math.max(0, openLeases - pool.size),
      seconds,
    };
  } finally {
    await client.end();
  }
}
