import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { Prisma, PrismaClient } from "./generated/client";
import { env } from "../env";
import { createPgPool } from "./pg";
import type { DatabaseTimeouts } from "../env";

export { Prisma } from "./generated/client";

/**
 * The database: a Prisma client (the path for everything but the seat hot path and bulk work),
 * and as `$pool` the `pg` pool under it, which the raw SQL path uses (./sql.ts, ./pg.ts). Only
 * createDb makes one, so every Db has its pool: the type says so, nothing is looked up at run time.
 * End both with closeDb, not $disconnect (which ends only what Prisma itself used).
 */
export type Db = PrismaClient & { readonly $pool: pg.Pool };
/** A Prisma client inside an interactive transaction (no `$pool`: statements must join the transaction). */
export type Tx = Prisma.TransactionClient;
/** Either a client or a transaction: domain functions that only read or write once take this. */
export type DbOrTx = Db | Tx;

/** Whether `db` is a client, not a transaction (a transaction client has no `$transaction`). */
export function isClient(db: object): db is Db {
  return "$transaction" in db && typeof db.$transaction === "function";
}

/** A Prisma client on PostgreSQL through the pg driver adapter (no native engines), and its pool. */
export function createDb(connectionString: string, options: { max?: number; timeouts?: DatabaseTimeouts } = {}): Db {
  const pool = createPgPool(connectionString, options.max ?? 20, options.timeouts);
  return dbOf(new PrismaClient({ adapter: new PrismaPg(pool) }), pool);
}

/** A Db of a Prisma client made on `pool` (createDb; a tool that needs its own client options). */
export function dbOf(client: PrismaClient, pool: pg.Pool): Db {
  return Object.defineProperty(client, "$pool", { value: pool, enumerable: false }) as Db;
}

/**
 * Ends the Prisma client and its pool: Prisma ends only a pool it has used itself, and the raw path
 * may be its only user.
 */
export async function closeDb(db: Db): Promise<void> {
  await db.$disconnect();
  if (!db.$pool.ended) await db.$pool.end();
}

// One client per process: Next's dev server reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { seatdeskDb?: Db };

export function getDb(): Db {
  globalForDb.seatdeskDb ??= createDb(env.DATABASE_URL);
  return globalForDb.seatdeskDb;
}
