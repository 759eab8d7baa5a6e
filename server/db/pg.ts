import "server-only";
import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "./generated/client";
import { inTurn, type PgSql } from "./runner";
import { CONNECTION_WAIT_MS } from "./timeouts";
import { databaseTimeouts, type DatabaseTimeouts } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { markDatabaseReachable, markDatabaseUnreachable } from "./reachability";

/*
 * The raw SQL path: the `pg` pool under each Prisma client (createDb passes it to the driver
 * adapter and keeps it on the client as `$pool`), used directly by the seat hot path and bulk
 * work (see sql.ts). One pool per client: the same connections, the same DATABASE_URL, one limit.
 */

export function createPgPool(
  connectionString: string,
  max: number,
  timeouts: DatabaseTimeouts = databaseTimeouts(),
): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    // A request that cannot get a connection within this time is answered "busy" (429), not kept
    // waiting without end (Prisma's transactions have the same limit, maxWait).
    connectionTimeoutMillis: CONNECTION_WAIT_MS,
    // Sent as startup parameters of every connection, so they hold for Prisma's queries and the
    // seat hot path alike: nothing waits on the database without bound (server/env.ts).
    // pg skips a parameter whose value is 0 (PostgreSQL's own "no limit").
    statement_timeout: timeouts.DB_STATEMENT_TIMEOUT_MS,
    lock_timeout: timeouts.DB_LOCK_TIMEOUT_MS,
    idle_in_transaction_session_timeout: timeouts.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    keepAlive: timeouts.DB_KEEPALIVE_IDLE_MS > 0,
    keepAliveInitialDelayMillis: timeouts.DB_KEEPALIVE_IDLE_MS,
  });
  // An idle connection that breaks (a database restart) is dropped by the pool; without a
  // listener its error event would end the process.
  pool.on("error", (error) => {
    logger.warn("idle database connection lost", { error: error.message });
    markDatabaseUnreachable(() => pool.query("select 1"));
  });
  // A new connection made is the database answering again (server/db/reachability.ts).
  pool.on("connect", markDatabaseReachable);
  return pool;
}

// int8 (ids, fence numbers) as bigint, as Prisma's raw queries return them; everything else as
// pg parses it (timestamptz as Date). Per query, so the pool's other users are not affected.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === INT8
      ? (value: string) => BigInt(value)
      : pg.types.getTypeParser(oid, format as "text")) as pg.CustomTypesConfig["getTypeParser"],
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

const command = (query: Prisma.Sql) => ({
  name: statementName(query.text),
  text: query.text,
  values: query.values,
  types,
});

function runner(on: Queryable): PgSql {
  const rows = async <T>(query: Prisma.Sql) => (await on.query(command(query))).rows as T[];
  return {
    sqlPath: "pg",
    rows,
    execute: async (query: Prisma.Sql) => (await on.query(command(query))).rowCount ?? 0,
    // Outside a transaction there is nothing to commit: one statement after another.
    finish: (queries: Prisma.Sql[]) => inTurn({ rows }, queries),
  };
}

/** Statements on the pool, each on whichever connection is free: outside any transaction. */
export function poolRunner(pool: pg.Pool): PgSql {
  return runner(pool);
}

/** pg's client with its pipeline switch (pg 8.23), which its type declarations do not name. */
type PipeliningClient = pg.PoolClient & { pipeline: boolean };

/**
 * The runner of a transaction on `client`: `finish` sends its statements and the COMMIT at once
 * in pg's pipeline mode (each statement with its own Sync: after a failed one, the rest fail and
 * the COMMIT rolls back) and marks the transaction over.
 */
function transactionRunner(client: pg.PoolClient, state: { over: boolean }): PgSql {
  return {
    ...runner(client),
    finish: async (queries: Prisma.Sql[]) => {
      const pipelining = client as PipeliningClient;
      pipelining.pipeline = true;
      let settled: PromiseSettledResult<pg.QueryResult>[];
      try {
        settled = await Promise.allSettled([
          ...queries.map((query) => client.query(command(query))),
          client.query({ name: "seatdesk_commit", text: "commit" }),
        ]);
      } finally {
        pipelining.pipeline = false;
        state.over = true;
      }
      const failed = settled.find((r): r is PromiseRejectedResult => r.status === "rejected");
      if (failed) throw failed.reason;
      return settled.slice(0, queries.length).map((r) => (r as PromiseFulfilledResult<pg.QueryResult>).value.rows);
    },
  };
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

/** BEGIN, `fn`, COMMIT on one connection of the pool (unless `fn` finished it); ROLLBACK when `fn` throws. */
export async function inPgTransaction<T>(pool: pg.Pool, fn: (sql: PgSql) => Promise<T>): Promise<T> {
  const client = await connect(pool);
  let broken: Error | undefined;
  // A checked-out connection has no error listener of the pool's: PostgreSQL ending the session
  // between two statements (idle_in_transaction_session_timeout after this process was paused, a
  // restart) would otherwise be an uncaught error that ends the process. The next statement fails.
  const onLost = (error: Error) => (broken = error);
  client.on("error", onLost);
  const state = { over: false };
  try {
    await client.query("begin");
    const result = await fn(transactionRunner(client, state));
    if (!state.over) await client.query("commit");
    return result;
  } catch (error) {
    // A connection that cannot even roll back is dropped, not handed to the next request.
    if (!state.over) await client.query("rollback").catch((e: Error) => (broken = e));
    throw error;
  } finally {
    client.removeListener("error", onLost);
    client.release(broken);
  }
}
