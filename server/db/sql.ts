import "server-only";
import type { Db } from "./client";
import type { DbOrTx } from "./transaction";
import { Prisma } from "./generated/client";
import { inPgTransaction, inTurn, pgPoolOf, poolRunner } from "./pg";

/*
 * Hand-written SQL that runs the same on a Prisma client or transaction and on a plain `pg`
 * connection. The seat hot path (checkout, release, the session check, the heartbeat) runs on
 * `pg` in its own transaction: Prisma's query pipeline costs about a millisecond or two of CPU
 * per statement, and a seat decision holds its pool's row lock for every round trip it makes.
 * The same functions still run inside a Prisma transaction when a caller passes one (an
 * administrator's action that commits with its own writes).
 *
 * Queries are written with Prisma.sql (numbered $n placeholders, nested fragments). Both
 * runners return int8 as bigint and timestamptz as Date.
 */
export type SqlRunner = {
  readonly isSqlRunner: true;
  rows<T>(query: Prisma.Sql): Promise<T[]>;
  /** Runs a statement; the number of rows it changed. */
  execute(query: Prisma.Sql): Promise<number>;
  /**
   * The transaction's last statements; the rows of each. On a `pg` transaction they go to
   * PostgreSQL with the COMMIT in one batch (pipelined), so the row locks they take are held only
   * while PostgreSQL works, never while a busy Node process gets round to sending the next
   * statement; the transaction is then over and the runner must not be used again. Elsewhere (a
   * Prisma transaction, which commits when its caller's function ends) they run one after another.
   * Each statement still sees what committed before it began (READ COMMITTED), so a lock taken by
   * one protects what the next reads.
   */
  finish(queries: Prisma.Sql[]): Promise<unknown[][]>;
};

/** Anything hand-written SQL can run on: a Prisma client or transaction, or a runner. */
export type SqlTarget = DbOrTx | SqlRunner;

function isRunner(target: SqlTarget): target is SqlRunner {
  return (target as Partial<SqlRunner>).isSqlRunner === true;
}

export function runnerFor(target: SqlTarget): SqlRunner {
  if (isRunner(target)) return target;
  const rows = <T>(query: Prisma.Sql) => target.$queryRaw<T[]>(query);
  return {
    isSqlRunner: true,
    rows,
    execute: (query: Prisma.Sql) => target.$executeRaw(query),
    finish: (queries: Prisma.Sql[]) => inTurn({ rows }, queries),
  };
}

const TX_DEFAULTS = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Runs `fn` in one transaction: on the client's own `pg` pool when it has one (see
 * createDb), in a Prisma transaction otherwise; when `target` already is a transaction (Prisma's
 * or a runner's), `fn` runs in it.
 */
export function inSqlTransaction<T>(target: SqlTarget, fn: (sql: SqlRunner) => Promise<T>): Promise<T> {
  // Inside the caller's transaction, `finish` must not commit it: their statements may follow.
  if (isRunner(target)) return fn({ ...target, finish: (queries) => inTurn(target, queries) });
  if (!("$transaction" in target) || typeof target.$transaction !== "function") return fn(runnerFor(target));
  const pool = pgPoolOf(target as Db);
  if (pool) return inPgTransaction(pool, fn);
  return (target as Db).$transaction((tx) => fn(runnerFor(tx)), TX_DEFAULTS);
}

/** One statement outside any transaction, on `pg` when the client has a pool of its own. */
export function sqlOutsideTransaction(target: DbOrTx): SqlRunner {
  const pool = "$transaction" in target ? pgPoolOf(target as Db) : null;
  return pool ? poolRunner(pool) : runnerFor(target);
}
