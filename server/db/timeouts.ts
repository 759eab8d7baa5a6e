import "server-only";

/*
 * How long database work may wait and run, in one place. Three layers:
 * - every connection carries PostgreSQL's own bounds (statement, lock, idle in a transaction),
 *   set from the environment (server/env.ts, databaseTimeouts) when createPgPool opens it;
 * - a request waits for a connection at most CONNECTION_WAIT_MS (the pool, ./pg.ts);
 * - every Prisma transaction has a kind below: how long it may wait for a connection (maxWait)
 *   and run (timeout); inTransaction (./transaction.ts) is the only reader. The raw path's
 *   transactions (./sql.ts) are bounded by the connection's own bounds.
 * No import here: every module of server/db may read this one.
 */

/** How long a request waits for a connection of the pool before it is answered "busy" (429). */
export const CONNECTION_WAIT_MS = 15_000;

type TransactionTimeouts = {
  /** Prisma's maxWait: how long to wait for a connection to begin on. */
  readonly maxWait: number;
  /** Prisma's timeout: the transaction is rolled back when it runs longer. */
  readonly timeout: number;
  /**
   * Lifts the connection's tight bounds for this transaction only (SET LOCAL, see
   * allowLongTransaction): for the few that work long between or within their statements and
   * hold no seat lock another request would wait for.
   */
  readonly long?: true;
};

export const TRANSACTION_TIMEOUTS = {
  /** A request's transaction: the default. */
  request: { maxWait: CONNECTION_WAIT_MS, timeout: 15_000 },
  /** A seat-gated write (server/trpc/middleware/seat.ts): the fence and the write commit together. */
  seatGatedWrite: { maxWait: 10_000, timeout: 20_000 },
  /** Expanding a batch of mail events into messages (server/mail/expand.ts). */
  mailExpansion: { maxWait: CONNECTION_WAIT_MS, timeout: 60_000 },
  /** One IMAP poll, which holds its advisory lock while it talks to the mail server (server/mail/imap-poller.ts). */
  imapPoll: { maxWait: CONNECTION_WAIT_MS, timeout: 10 * 60_000 },
  /** A step of a usage roll-up: a month of history read and aggregated (server/insight). */
  rollup: { maxWait: 60_000, timeout: 120_000, long: true },
  /** Seeding the demo's base data (prisma/seed.ts). */
  seed: { maxWait: 10_000, timeout: 120_000, long: true },
  /** Writing the demo's generated tickets or seat history (prisma/demo). */
  demoData: { maxWait: 10_000, timeout: 60_000, long: true },
} as const satisfies Record<string, TransactionTimeouts>;

export type TransactionKind = keyof typeof TRANSACTION_TIMEOUTS;
