import "server-only";
import type { Db } from "./client";
import { Prisma } from "./generated/client";

/** A Prisma client inside an interactive transaction. */
export type Tx = Prisma.TransactionClient;
/** Either a client or a transaction: domain functions that only read or write once take this. */
export type DbOrTx = Db | Tx;

const DEFAULTS = { maxWait: 15_000, timeout: 15_000 } as const;

/**
 * Runs `fn` in a transaction; when `db` already is one, runs `fn` in it (so a seat-gated
 * procedure's fence and its write commit together).
 */
export function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if ("$transaction" in db && typeof db.$transaction === "function") {
    return (db as Db).$transaction(fn, DEFAULTS);
  }
  return fn(db as Tx);
}

/**
 * Lifts the connection's tight time bounds (server/env.ts, databaseTimeouts: a transaction idle
 * for 5 s is ended, a statement stops after 30 s, a lock is waited for 10 s) for this transaction
 * only (SET LOCAL): for the few known to work long between or within their statements (seeding
 * the demo, rolling usage history up) and that hold no seat lock another request would wait for.
 * SET takes no snapshot, so a REPEATABLE READ transaction may call this before its first query.
 */
export async function allowLongTransaction(tx: Tx, ms: number): Promise<void> {
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`allowLongTransaction: ${ms} is not a number of milliseconds`);
  for (const setting of ["idle_in_transaction_session_timeout", "statement_timeout", "lock_timeout"]) {
    await tx.$executeRawUnsafe(`set local ${setting} = ${ms}`);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
