import "server-only";
import type { Db } from "../db/client";
import { logger } from "../logger";
import { startPeriodicJob } from "../jobs/periodic";
import { attachmentStore, type AttachmentStore } from "./store";

/*
 * An upload stores its bytes first and writes its row after (./attach.ts); when the row cannot be
 * written the bytes are removed at once. Only a process that dies between the two leaves bytes
 * that no row names, and those are found here: stored files older than a grace period (far longer
 * than any upload's transaction) whose key no attachment row holds are deleted.
 */

/** How old an unnamed file must be before it is taken for an orphan rather than an upload in progress. */
export const ORPHAN_GRACE_SECONDS = 3600;
/** How often each app instance looks for orphans (instances may overlap: deleting twice is harmless). */
export const ORPHAN_SWEEP_EVERY_SECONDS = 6 * 3600;
const BATCH = 500;

export async function removeOrphanedFiles(
  db: Db,
  store: AttachmentStore,
  options: { now?: Date; graceSeconds?: number } = {},
): Promise<{ checked: number; removed: number }> {
  const before = new Date(
    (options.now ?? new Date()).getTime() - (options.graceSeconds ?? ORPHAN_GRACE_SECONDS) * 1000,
  );
  let checked = 0;
  let removed = 0;
  let batch: string[] = [];
  const settle = async () => {
    const named = await db.ticketAttachment.findMany({
      where: { storageKey: { in: batch } },
      select: { storageKey: true },
    });
    const kept = new Set(named.map((row) => row.storageKey));
    for (const key of batch) {
      if (kept.has(key)) continue;
      await store.delete(key);
      removed++;
    }
    checked += batch.length;
    batch = [];
  };
  for await (const key of store.keysStoredBefore(before)) {
    batch.push(key);
    if (batch.length === BATCH) await settle();
  }
  if (batch.length) await settle();
  return { checked, removed };
}

export function startOrphanSweepJob(db: Db, everySeconds = ORPHAN_SWEEP_EVERY_SECONDS): () => void {
  return startPeriodicJob("attachment orphan sweep", everySeconds, async () => {
    const { removed, checked } = await removeOrphanedFiles(db, await attachmentStore());
    if (removed) logger.info("attachment files no attachment names were removed", { removed, checked });
  });
}
