import "server-only";
import { isClient, type Db, type Tx } from "./client";
import { Prisma } from "./generated/client";
import { inPgTransaction, poolRunner } from "./pg";
import { inTurn, isSqlRunner, type PgSql, type SqlRunner } from "./runner";

export type { PgSql, SqlRunner } from "./runner";

/*
 * Hand-written SQL (the raw path). The seat hot path (checkout, release, the session check, the
 * heartbeat) and bulk work run on `pg`, in transactions of their own: Prisma's query pipeline
 * costs about a millisecond or two of CPU per statement, and a seat decision holds its pool's row
 * lock for every round trip it makes. The same functions still run inside a Prisma transaction
 * when a caller passes one (an administrator's action that commits with its own writes).
 * Everything else uses Prisma (./client.ts, ./transaction.ts).
 *
 * Which path a statement takes follows from the type of what it is given, never from a lookup:
 * - a Db: inSqlTransaction and sqlOutsideTransaction run on its `pg` pool (`$pool`);
 * - a Tx (a Prisma transaction): the statements join it, through Prisma;
 * - a SqlRunner: the statements run on it (its `sqlPath` says where).
 */

/** Anything hand-written SQL can run on: a Prisma client or transaction, or a runner. */
export type SqlTarget = Db | Tx | SqlRunner;

/**
 * Statements on `target` itself: a runner is used as it is, a Prisma client or transaction through
 * Prisma's raw queries (for the raw path on a client's pool, use sqlOutsideTransaction).
 */
export function runnerFor(target: SqlTarget): SqlRunner {
  if (isSqlRunner(target)) return target;
  const rows = <T>(query: Prisma.Sql) => target.$queryRaw<T[]>(query);
  return {
    sqlPath: "prisma",
    rows,
    execute: (query: Prisma.Sql) => target.$executeRaw(query),
    finish: (queries: Prisma.Sql[]) => inTurn({ rows }, queries),
  };
}

/**
 * Runs `fn` in one transaction: a new one on the client's `pg` pool for a Db; for a Prisma
 * transaction or a runner already in one, `fn` runs in it, and `finish` then runs the statements
 * in turn and commits nothing (the caller's statements may follow, and the caller may roll back).
 */
export function inSqlTransaction<T>(target: Db, fn: (sql: PgSql) => Promise<T>): Promise<T>;
export function inSqlTransaction<T>(target: SqlTarget, fn: (sql: SqlRunner) => Promise<T>): Promise<T>;
export function inSqlTransaction<T>(target: SqlTarget, fn: (sql: PgSql) => Promise<T>): Promise<T> {
  if (isClient(target)) return inPgTransaction(target.$pool, fn);
  // Only a Db's overload promises a PgSql: here `fn` was given as taking any runner.
  const joining = fn as (sql: SqlRunner) => Promise<T>;
  if (isSqlRunner(target)) return joining({ ...target, finish: (queries) => inTurn(target, queries) });
  return joining(runnerFor(target));
}

/**
 * Statements outside any transaction of this module's making: for a Db on its `pg` pool (each on
 * whichever connection is free); for a Prisma transaction, in it (a caller's transaction is kept).
 */
export function sqlOutsideTransaction(db: Db): PgSql;
export function sqlOutsideTransaction(db: Db | Tx): SqlRunner;
export function sqlOutsideTransaction(db: Db | Tx): SqlRunner {
  return isClient(db) ? poolRunner(db.$pool) : runnerFor(db);
}
