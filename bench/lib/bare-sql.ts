import pg from "pg";

/*
 * The physical limit: the same work a checkout and a release do in the domain, written by hand
 * and sent with `pg`, one transaction each. Checkout: lock the person's row, lock the pool's row
 * (same lock order as server/licensing/locks.ts), count the pool's open leases, insert the
 * lease, append the event. Release: lock the person, lock the pool, end the lease, append the
 * event. Nothing else (no sweep, no waiting line, no ORM).
 */

type Agent = { userId: string };
type Pool = { id: string; name: string };

async function inTx<T>(pool: pg.Pool, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("begin");
    const result = await fn(client);
    await client.query("commit");
    return result;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

export async function bareCheckout(db: pg.Pool, seatPool: Pool, agent: Agent): Promise<string | null> {
  return inTx(db, async (c) => {
    const user = await c.query<{ name: string }>(
      `select id, name, active from "User" where id = $1 for no key update`,
      [agent.userId],
    );
    const pool = await c.query<{ size: number }>(
      `select id, name, size from "SeatPool" where id = $1 for no key update`,
      [seatPool.id],
    );
    const open = await c.query<{ n: number }>(
      `select count(*)::int as n from "SeatLease" where "poolId" = $1 and "endedAt" is null`,
      [seatPool.id],
    );
    if (open.rows[0]!.n >= pool.rows[0]!.size) return null;
    const lease = await c.query<{ id: string }>(
      `insert into "SeatLease" ("userId", kind, "poolId", "grantedAt", "lastActivityAt", "lastPresenceAt") values
        ($1, 'CONCURRENT', $2, now(), now(), now()) returning id`,
      [agent.userId, seatPool.id],
    );
    const leaseId = lease.rows[0]!.id;
    await c.query(
      `insert into "SeatEvent" (type, "userId", "userName", kind, "poolId", "poolName", "leaseId", reason) values
        ('GRANTED', $1, $2, 'CONCURRENT', $3, $4, $5, 'seat free')`,
      [agent.userId, user.rows[0]!.name, seatPool.id, seatPool.name, leaseId],
    );
    return leaseId;
  });
}

export async function bareRelease(db: pg.Pool, seatPool: Pool, agent: Agent, leaseId: string): Promise<void> {
  await inTx(db, async (c) => {
    const user = await c.query<{ name: string }>(
      `select id, name, active from "User" where id = $1 for no key update`,
      [agent.userId],
    );
    await c.query(`select id from "SeatPool" where id = $1 for no key update`, [seatPool.id]);
    const ended = await c.query(
      `update "SeatLease" set "endedAt" = now(), "endReason" = 'SIGN_OUT' where id = $1 and "endedAt" is null`,
      [leaseId],
    );
    if (ended.rowCount !== 1) throw new Error(`lease ${leaseId} was not open`);
    await c.query(
      `insert into "SeatEvent" (type, "userId", "userName", kind, "poolId", "poolName", "leaseId", reason) values
        ('RELEASED', $1, $2, 'CONCURRENT', $3, $4, $5, 'SIGN_OUT')`,
      [agent.userId, user.rows[0]!.name, seatPool.id, seatPool.name, leaseId],
    );
  });
}

/** One checkout-and-release cycle; throws unless the seat was granted. */
export async function bareCycle(db: pg.Pool, seatPool: Pool, agent: Agent): Promise<void> {
  const leaseId = await bareCheckout(db, seatPool, agent);
  if (leaseId === null) throw new Error("bare SQL checkout refused: the pool is full");
  await bareRelease(db, seatPool, agent, leaseId);
}
