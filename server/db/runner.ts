import "server-only";
import type { Prisma } from "./generated/client";

/*
 * The raw SQL path's interface: hand-written statements (Prisma.sql templates: numbered $n
 * placeholders, nested fragments) and their rows. Two kinds implement it, and the type says which:
 * - PgSql, on the `pg` pool under the Prisma client (./pg.ts): the seat hot path and bulk work,
 *   obtained with sqlOutsideTransaction(db) or inside inSqlTransaction(db, ...) (./sql.ts);
 * - a runner over a Prisma client or transaction (runnerFor in ./sql.ts), when hand-written SQL
 *   must commit with a caller's Prisma writes.
 * Both return int8 as bigint and timestamptz as Date.
 *
 * This module imports nothing of server/db's at run time, so ./pg.ts and ./sql.ts both build on
 * it without importing each other in a circle.
 */
export type SqlRunner = {
  /** Where the statements go: the `pg` pool's connection, or Prisma's. */
  readonly sqlPath: "pg" | "prisma";
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

/** A runner on the `pg` pool (the raw path proper). */
export type PgSql = SqlRunner & { readonly sqlPath: "pg" };

export function isSqlRunner(target: object): target is SqlRunner {
  const path = (target as Partial<SqlRunner>).sqlPath;
  return path === "pg" || path === "prisma";
}

/** SqlRunner.finish where nothing is committed early: the statements one after another. */
export async function inTurn(sql: Pick<SqlRunner, "rows">, queries: Prisma.Sql[]): Promise<unknown[][]> {
  const results: unknown[][] = [];
  for (const query of queries) results.push(await sql.rows(query));
  return results;
}
