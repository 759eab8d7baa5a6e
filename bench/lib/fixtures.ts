import { hash } from "@node-rs/argon2";
import type { Db } from "../../server/db/client";

/*
 * The benchmark's organisation, written straight into the tables: a pool for the throughput and
 * latency runs (large enough that every checkout is granted), a 50-seat pool of 1,000 members for
 * the storm, and agents with readable names and emails.
 *
 * Their password hash is argon2id with small costs: verifying it is what the app does at
 * sign-in (the parameters travel in the hash), but signing 1,250 agents in then takes seconds
 * instead of a minute. Sign-in speed is not what is measured here.
 */
export const BENCH_PASSWORD = "bench-password";

export type BenchAgent = { userId: string; email: string };
export type BenchPool = { id: string; name: string; size: number; agents: BenchAgent[] };
export type BenchOrg = { throughput: BenchPool; storm: BenchPool };

const pad = (n: number) => String(n).padStart(4, "0");

async function createPoolWithMembers(db: Db, passwordHash: string, input: { key: string; name: string; size: number; members: number }): Promise<BenchPool> {
  const pool = await db.seatPool.create({ data: { name: input.name, size: input.size, idleTimeoutSeconds: 1800 }, select: { id: true } });
  const agents = Array.from({ length: input.members }, (_, i) => ({ userId: `bench-${input.key}-${pad(i + 1)}`, email: `${input.key}${pad(i + 1)}@bench.test` }));
  await db.user.createMany({ data: agents.map((a, i) => ({ id: a.userId, email: a.email, name: `${input.name} agent ${pad(i + 1)}`, role: "AGENT" as const, passwordHash })) });
  await db.seatAssignment.createMany({ data: agents.map((a) => ({ userId: a.userId, kind: "CONCURRENT" as const, poolId: pool.id })) });
  return { id: pool.id, name: input.name, size: input.size, agents };
}

export async function createBenchOrg(db: Db, sizes: { throughputSeats: number; stormSeats: number; stormMembers: number }): Promise<BenchOrg> {
  const passwordHash = await hash(BENCH_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
  await db.entitlement.create({ data: { id: 1, namedSeats: 0, concurrentSeats: sizes.throughputSeats + sizes.stormSeats } });
  const throughput = await createPoolWithMembers(db, passwordHash, { key: "tp", name: "Bench throughput", size: sizes.throughputSeats, members: sizes.throughputSeats });
  const storm = await createPoolWithMembers(db, passwordHash, { key: "storm", name: "Bench storm", size: sizes.stormSeats, members: sizes.stormMembers });
  return { throughput, storm };
}
