import pg from "pg";
import { closeDb, createDb } from "../../server/db/client";
import { checkoutSeat } from "../../server/licensing/checkout";
import { releaseLeaseOfUser } from "../../server/licensing/release";
import { checkoutOverHttp, releaseOverHttp, type SignedInAgent } from "../../scripts/lib/agent-client";
import { bareCycle } from "./bare-sql";
import { runClosedLoop, type ClosedLoopResult } from "./load";
import type { BenchAgent, BenchPool } from "./fixtures";

/*
 * (a) The ceiling: checkout-and-release cycles per second with N closed-loop clients, each a
 * distinct agent of a pool large enough that every checkout is granted, measured three ways:
 * over HTTP (the whole app), through the domain functions (Prisma), and as bare SQL (the limit).
 */

export type CeilingRow = { clients: number; bare: ClosedLoopResult; domain: ClosedLoopResult; http: ClosedLoopResult };
type Timing = { warmupMs: number; measureMs: number };
// CPU is counted in the process doing the seat work: this one for bare SQL and the domain runs.

export async function measureBare(
  databaseUrl: string,
  pool: BenchPool,
  agents: BenchAgent[],
  clients: number,
  timing: Timing,
): Promise<ClosedLoopResult> {
  const db = new pg.Pool({ connectionString: databaseUrl, max: clients });
  try {
    return await runClosedLoop(clients, (c) => bareCycle(db, pool, agents[c]!), { ...timing, cpu: { databaseUrl } });
  } finally {
    await db.end();
  }
}

export async function measureDomain(
  databaseUrl: string,
  agents: BenchAgent[],
  clients: number,
  timing: Timing,
): Promise<ClosedLoopResult> {
  const db = createDb(databaseUrl, { max: clients });
  try {
    return await runClosedLoop(
      clients,
      async (c) => {
        const userId = agents[c]!.userId;
        const result = await checkoutSeat(db, { userId });
        if (result.status !== "granted") throw new Error(`domain checkout answered ${result.status}`);
        const released = await releaseLeaseOfUser(db, { userId, reason: "SIGN_OUT" });
        if (!released.released) throw new Error("domain release released nothing");
      },
      { ...timing, cpu: { databaseUrl } },
    );
  } finally {
    await closeDb(db);
  }
}

export async function httpCycle(agent: SignedInAgent): Promise<void> {
  const checkout = await checkoutOverHttp(agent);
  if (checkout.status !== "granted") throw new Error(`seat.checkout answered ${checkout.status}`);
  const release = await releaseOverHttp(agent);
  if (!release.released) throw new Error("seat.release released nothing");
}

export function measureHttp(
  app: { databaseUrl: string; pid: number },
  agents: SignedInAgent[],
  clients: number,
  timing: Timing,
): Promise<ClosedLoopResult> {
  return runClosedLoop(clients, (c) => httpCycle(agents[c]!), {
    ...timing,
    cpu: { databaseUrl: app.databaseUrl, nodePid: app.pid },
  });
}
