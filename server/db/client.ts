import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";
import { env } from "../env";

export type Db = PrismaClient;
export { Prisma } from "./generated/client";

/** A Prisma client on PostgreSQL through the pg driver adapter (no native engines). */
export function createDb(connectionString: string, options: { max?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: options.max ?? 20 }) });
}

// One client per process: Next's dev server reloads modules, so keep it on globalThis.
const globalForDb = globalThis as unknown as { seatdeskDb?: PrismaClient };

export function getDb(): PrismaClient {
  globalForDb.seatdeskDb ??= createDb(env.DATABASE_URL);
  return globalForDb.seatdeskDb;
}
