import "server-only";
import type { SqlTarget } from "../db/sql";
import { AppError } from "../errors";
import { touchLiveLease } from "./leases";
import type { SeatTiming } from "./timing";
import { assertLicenseInForce } from "./license-file/install";

/**
 * The fence a seat-gated write passes inside its own transaction: the person's lease must still
 * be live at this instant by the database clock. The UPDATE takes the lease's row lock, so a
 * concurrent release waits for this write to commit, or this write sees the release and is
 * refused: a stale holder (a paused tab, a slow network) cannot write after its lease ended.
 * Writing counts as activity. Once the license in force has lapsed (validity and grace over), no
 * seat lets anyone write: the console is read-only for everyone until a valid file is installed.
 */
export async function assertLiveLease(tx: SqlTarget, userId: string, timing: SeatTiming): Promise<bigint> {
  await assertLicenseInForce(tx);
  const leaseId = await touchLiveLease(tx, userId, true, timing);
  if (leaseId === null)
    throw new AppError(
      "PRECONDITION_FAILED",
      "Your seat ended before this change was saved. Nothing was lost: take a seat and save again.",
      { seat: "ended" },
    );
  return leaseId;
}
