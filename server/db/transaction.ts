import "server-only";
import { isClient, type DbOrTx, type Tx } from "./client";
import { Prisma } from "./generated/client";
import { TRANSACTION_TIMEOUTS, type TransactionKind } from "./timeouts";

export type { Tx, DbOrTx } from "./client";

export type TransactionOptions = {
  /** How long it may wait and run (./timeouts.ts); a request's transaction unless said otherwise. */
  kind?: TransactionKind;
  isolationLevel?: Prisma.TransactionIsolationLevel;
};

/**
 * The one way to open a Prisma transaction: runs `fn` in a transaction with the bounds of its
 * kind (./timeouts.ts); when `db` already is one, runs `fn` in it (so a seat-gated procedure's
 * fence and its write commit together: the caller's transaction keeps its own bounds). The raw
 * SQL path's transaction is inSqlTransaction (./sql.ts), which joins a transaction it is given.
 */
export function inTransaction<T>(db: DbOrTx, fn: (tx: Tx) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  if (!isClient(db)) return fn(db);
  const limits = TRANSACTION_TIMEOUTS[options.kind ?? "request"];
  return db.$transaction(
    async (tx) => {
      if ("long" in limits && limits.long) await allowLongTransaction(tx, limits.timeout);
      return fn(tx);
    },
    {
      maxWait: limits.maxWait,
      timeout: limits.timeout,
      ...(options.isolationLevel && { isolationLevel: options.isolationLevel }),
    },
  );
}

/**
 * Lifts the connection's tight time bounds (server/env.ts, databaseTimeouts: a transaction idle
 * for 5 s is ended, a statement stops after 30 s, a lock is waited for 10 s) for this transaction
 * only (SET LOCAL): for the few kinds marked `long` in ./timeouts.ts (seeding the demo, rolling
 * usage history up) that hold no seat lock another request would wait for. SET takes no snapshot,
 * so a REPEATABLE READ transaction may run this before its first query.
 */
async function allowLongTransaction(tx: Tx, ms: number): Promise<void> {
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`allowLongTransaction: ${ms} is not a number of milliseconds`);
  for (const setting of ["idle_in_transaction_session_timeout", "statement_timeout", "lock_timeout"]) {
    await tx.$executeRawUnsafe(`set local ${setting} = ${ms}`);
  }
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}
