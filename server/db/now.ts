import "server-only";
import type { DbOrTx } from "./transaction";

/** The database clock, so times agree across app instances. */
export async function dbNow(db: DbOrTx): Promise<Date> {
  const rows = await db.$queryRaw<{ now: Date }[]>`select now() as now`;
  return rows[0]!.now;
}
