import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "../env";
import { createPgPool, registerPgPool } from "./pg";
import type { DatabaseTimeouts } from "../env";

export type Db = PrismaClient;
export { Prisma } from "./generated/client";

/**
 * A Prisma client on PostgreSQL through the pg driver adapter (no native engines). Its `pg`
 * pool is also used directly by the seat hot path (server/db/sql.ts); $disconnect ends it.
 */
export function createDb(
  connectionString: string,
  options: { max?: number; timeouts?: DatabaseTimeouts } = {},
): PrismaClient {
  const pool = createPgPool(connectionString, options.max ?? 20, options.timeouts);
  const client = new PrismaClient({ adapter: new PrismaPg(pool) });
  registerPgPool(client, pool);
  // Prisma ends only a pool it has used itself; the seat hot path may be the pool's only user.
  const disconnect = client.$disconnect.bind(client);
  client.$disconnect = async () => {
    await disconnect();
    if (!pool.ended) await pool.end();
  };
  return client;
}

// One client per process: Next's dev server reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { seatdeskDb?: PrismaClient };

export function getDb(): PrismaClient {
  globalForDb.seatdeskDb ??= createDb(env.DATABASE_URL);
  return globalForDb.seatdeskDb;
}
