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

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
