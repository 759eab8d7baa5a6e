import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "./generated/client";
import type { SqlRunner } from "./sql";
import { AppError } from "../errors";
import { logger } from "../logger";

/*
 * The `pg` pool under each Prisma client (createDb passes it to the driver adapter), used
 * directly by the seat hot path (see sql.ts). One pool per client: the same connections, the
 * same DATABASE_URL, one limit.
 */

const pools = new WeakMap<object, pg.Pool>();

export function createPgPool(connectionString: string, max: number): pg.Pool {
  // A request that cannot get a connection within this time is answered "busy" (429), not kept
  // waiting without end (Prisma's transactions have the same limit, maxWait).
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 15_000 });
  // An idle connection that breaks (a database restart) is dropped by the pool; without a
  // listener its error event would end the process.
  pool.on("error", (error) => logger.warn("idle database connection lost", { error: error.message }));
  return pool;
}

export function registerPgPool(client: object, pool: pg.Pool): void {
  pools.set(client, pool);
}

export function pgPoolOf(client: object): pg.Pool | null {
  return pools.get(client) ?? null;
}

// int8 (ids, fence numbers) as bigint, as Prisma's raw queries return them; everything else as
// pg parses it (timestamptz as Date). Per query, so the pool's other users are not affected.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8 ? (value: string) => BigInt(value) : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
};

/*
 * Named (prepared) statements: each connection parses and plans a statement once, then only
 * binds it, which saves PostgreSQL most of its CPU for the large combined statements of the hot
 * path. The name is a hash of the text, so one name never means two texts; the texts are the
 * code's own templates, a few dozen, and the map stops growing at a bound anyway.
 */
const statementNames = new Map<string, string>();
function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < 500) {
    name = `seatdesk_${createHash("sha1").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

type Queryable = { query: pg.Pool["query"] };

function runner(on: Queryable): SqlRunner {
  const run = (query: Prisma.Sql) => on.query({ name: statementName(query.text), text: query.text, values: query.values, types });
  return {
    isSqlRunner: true,
    rows: async <T>(query: Prisma.Sql) => (await run(query)).rows as T[],
    execute: async (query: Prisma.Sql) => (await run(query)).rowCount ?? 0,
  };
}

export function poolRunner(pool: pg.Pool): SqlRunner {
  return runner(pool);
}

async function connect(pool: pg.Pool): Promise<pg.PoolClient> {
  try {
    return await pool.connect();
  } catch (error) {
    if (error instanceof Error && /timeout exceeded when trying to connect/i.test(error.message)) {
      throw new AppError("TOO_MANY_REQUESTS", "seatdesk is very busy right now. Please try again in a moment.");
    }
    throw error;
  }
}

/** BEGIN, `fn`, COMMIT on one connection of the pool; ROLLBACK when `fn` throws. */
export async function inPgTransaction<T>(pool: pg.Pool, fn: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const client = await connect(pool);
  let broken: Error | undefined;
  try {
    await client.query("begin");
    const result = await fn(runner(client));
    await client.query("commit");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped, not handed to the next request.
    await client.query("rollback").catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.release(broken);
  }
}
