import "server-only";
import { createHash } from "node:crypto";
import { tooLarge } from "./rules";

/**
 * Where attachment bytes live. The database keeps the metadata (TicketAttachment) and the opaque
 * key; a store keeps the bytes under that key: the local disk by default
 * (./local-disk-store.ts), or PostgreSQL, shared by every app instance (./postgres-store.ts,
 * ATTACHMENT_STORE=postgres); an object store (S3 and the like) can implement the same interface.
 * Keys are made by the store and never contain anything the user chose (such as a file name).
 */
export type StoredObject = { key: string; sizeBytes: number; sha256: string };

export interface AttachmentStore {
  /**
   * Stores the stream's bytes under a new key. Stops reading and stores nothing when the stream
   * is longer than maxBytes (throws the "too large" refusal of ./rules.ts).
   */
  put(body: ReadableStream<Uint8Array>, options: { maxBytes: number }): Promise<StoredObject>;
  /** The bytes under the key, or null when there are none (deleted, or a wrong key). */
  get(key: string): Promise<ReadableStream<Uint8Array> | null>;
  /** Removes the bytes; removing what is not there is not an error. */
  delete(key: string): Promise<void>;
  /**
   * The keys of the objects stored before `before`, for the sweep of files no attachment row
   * names (./sweep-orphans.ts). While listing, a store also clears its own leftovers of writes
   * that never finished and began before `before`.
   */
  keysStoredBefore(before: Date): AsyncIterable<string>;
}

let store: AttachmentStore | undefined;

/** The process's store: as ATTACHMENT_STORE says (the local disk by default), unless one was set (tests). */
export async function attachmentStore(): Promise<AttachmentStore> {
  if (!store) {
    const { attachmentSettings } = await import("./settings");
    const settings = attachmentSettings();
    if (settings.store === "postgres") {
      const { PostgresStore } = await import("./postgres-store");
      const { getDb } = await import("../db/client");
      store = new PostgresStore(getDb());
    } else {
      const { LocalDiskStore } = await import("./local-disk-store");
      store = new LocalDiskStore(settings.dir);
    }
  }
  return store;
}

export function setAttachmentStore(next: AttachmentStore | undefined): void {
  store = next;
}

/**
 * Reads a file's bytes once for any store: hands each piece to `write` in order, counts and hashes
 * them, and stops with 413 as soon as they pass `maxBytes` (the rest is never read).
 */
export async function readBounded(
  body: ReadableStream<Uint8Array>,
  maxBytes: number,
  write: (piece: Uint8Array) => Promise<void>,
): Promise<{ sizeBytes: number; sha256: string }> {
  const hash = createHash("sha256");
  let sizeBytes = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    sizeBytes += value.byteLength;
    if (sizeBytes > maxBytes) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
    hash.update(value);
    await write(value);
  }
  return { sizeBytes, sha256: hash.digest("hex") };
}
