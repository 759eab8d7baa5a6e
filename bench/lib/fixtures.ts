import { hash } from "@node-rs/argon2";
import type { Db } from "../../server/db/client";

/*
 * The benchmark's organisation, written straight into the tables: 1,000 named agents (readable
 * names and emails), first members of a pool as large as they are many (the throughput and
 * latency runs, where every checkout must be granted), then moved to a 50-seat pool for the
 * storm.
 *
 * Their password hash is argon2id with small costs: verifying it is what the app does at
 * sign-in (the parameters travel in the hash), but signing 1,000 agents in then takes seconds
 * instead of a minute. Sign-in speed is not what is measured here.
 */
export const BENCH_PASSWORD = "bench-password";

export type BenchAgent = { userId: string; email: string };
export type BenchPool = { id: string; name: string; size: number };
export type BenchOrg = { agents: BenchAgent[]; throughput: BenchPool; storm: BenchPool };

const pad = (n: number) => String(n).padStart(4, "0");

export async function createBenchOrg(db: Db, sizes: { agents: number; stormSeats: number }): Promise<BenchOrg> {
  const passwordHash = await hash(BENCH_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  await db.entitlement.create({ data: { id: 1, namedSeats: 0, concurrentSeats: sizes.agents + sizes.stormSeats } });
  const pool = async (name: string, size: number): Promise<BenchPool> => ({
    ...(await db.seatPool.create({ data: { name, size, idleTimeoutSeconds: 1800 }, select: { id: true } })),
    name,
    size,
  });
  const throughput = await pool("Bench throughput", sizes.agents);
  const storm = await pool("Bench storm", sizes.stormSeats);
  const agents = Array.from({ length: sizes.agents }, (_, i) => ({
    userId: `bench-agent-${pad(i + 1)}`,
    email: `agent${pad(i + 1)}@bench.test`,
  }));
  await db.user.createMany({
    data: agents.map((a, i) => ({
      id: a.userId,
      email: a.email,
      name: `Bench agent ${pad(i + 1)}`,
      role: "AGENT" as const,
      passwordHash,
    })),
  });
  await db.seatAssignment.createMany({
    data: agents.map((a) => ({ userId: a.userId, kind: "CONCURRENT" as const, poolId: throughput.id })),
  });
  return { agents, throughput, storm };
}

/**
 * Marks every sign-in session as having started working in the console. The first agent call of
 * a session checks a seat out on its own (server/trpc/middleware/seat.ts) before the procedure
 * runs; with this, each measured seat.checkout is one checkout, as for an agent already at work.
 */
export async function markConsoleSessionsStarted(db: Db): Promise<void> {
  await db.$executeRaw`update "AuthSession" set "seatRequestedAt" = now() where "seatRequestedAt" is null`;
}

/**
 * Ends every open lease (as a sign-out would, outside any measured time) and moves all agents
 * into the given pool.
 */
export async function moveAgentsToPool(db: Db, pool: BenchPool): Promise<void> {
  await db.$executeRaw`update "SeatLease" set "endedAt" = now(), "endReason" = 'SIGN_OUT' where "endedAt" is null`;
  await db.$executeRaw`update "SeatAssignment" set "poolId" = ${pool.id} where kind = 'CONCURRENT'`;
}
