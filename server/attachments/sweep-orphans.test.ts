import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { portal } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import { createTicket } from "@/server/tickets/create-ticket";
import { attachFile } from "./attach";
import { LocalDiskStore } from "./local-disk-store";
import { ORPHAN_GRACE_SECONDS, removeOrphanedFiles } from "./sweep-orphans";

/*
 * Bytes a crash left without their row are removed once old enough; files an attachment names,
 * recent uploads and anything that is not the store's own stay.
 */
let db: Db;
let dir: string;
let store: LocalDiskStore;
let requester: Awaited<ReturnType<typeof createUser>>;
let ticketRef: string;

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const stream = () =>
  new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(PNG);
      c.close();
    },
  });
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3600_000);
const fileOf = (key: string) => path.join(dir, key.slice(0, 2), key);
async function filesOnDisk(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
}
/** Bytes stored as an upload does, but with no row written after them (the process "died"). */
async function orphan(storedAt: Date): Promise<string> {
  const { key } = await store.put(stream(), { maxBytes: 1024 });
  await utimes(fileOf(key), storedAt, storedAt);
  return key;
}
async function attached(storedAt: Date): Promise<string> {
  const a = await attachFile(
    db,
    portal(requester),
    { ticketRef, file: { name: "screen.png", size: PNG.byteLength, head: PNG, stream } },
    { store, maxBytes: 1024 },
  );
  const { storageKey } = await db.ticketAttachment.findUniqueOrThrow({
    where: { id: a.id },
    select: { storageKey: true },
  });
  await utimes(fileOf(storageKey), storedAt, storedAt);
  return storageKey;
}

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  requester = await createUser(db);
  ticketRef = (await createTicket(db, portal(requester), { title: "Screen flickers" })).displayNumber;
});
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "seatdesk-orphans-"));
  store = new LocalDiskStore(dir);
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe("removeOrphanedFiles", () => {
  it("removes old files no attachment names and keeps the attached ones", async () => {
    const kept = [await attached(hoursAgo(30)), await attached(hoursAgo(2))];
    const orphans = [await orphan(hoursAgo(30)), await orphan(hoursAgo(2))];
    const result = await removeOrphanedFiles(db, store);
    expect(result).toEqual({ checked: 4, removed: 2 });
    expect(await filesOnDisk()).toEqual([...kept].sort());
    expect(orphans.every((key) => !kept.includes(key))).toBe(true);
  });

  it("leaves an unnamed file younger than the grace period: its upload may still be writing the row", async () => {
    const young = await orphan(new Date(Date.now() - (ORPHAN_GRACE_SECONDS - 60) * 1000));
    expect(await removeOrphanedFiles(db, store)).toEqual({ checked: 0, removed: 0 });
    expect(await filesOnDisk()).toEqual([young]);
  });

  it("clears an old half-written upload, and never touches a file that is not the store's", async () => {
    const key = await orphan(hoursAgo(3));
    const shard = path.join(dir, key.slice(0, 2));
    const part = path.join(shard, `${"b".repeat(32)}.part-0123abcd`);
    const freshPart = path.join(shard, `${"c".repeat(32)}.part-0123abcd`);
    const foreign = path.join(shard, "README.txt");
    for (const f of [part, freshPart, foreign]) await writeFile(f, "x");
    for (const f of [part, foreign]) await utimes(f, hoursAgo(3), hoursAgo(3));
    expect(await removeOrphanedFiles(db, store)).toEqual({ checked: 1, removed: 1 });
    expect(await filesOnDisk()).toEqual(["README.txt", path.basename(freshPart)]);
  });

  it("checks more files than one batch against the rows", async () => {
    const keys = await Promise.all(Array.from({ length: 520 }, () => orphan(hoursAgo(5))));
    const named = await attached(hoursAgo(5));
    expect(await removeOrphanedFiles(db, store)).toEqual({ checked: 521, removed: 520 });
    expect(await filesOnDisk()).toEqual([named]);
    expect(keys).toHaveLength(520);
  });

  it("finds nothing in a store that has never been written to", async () => {
    await rm(dir, { recursive: true, force: true });
    expect(await removeOrphanedFiles(db, store)).toEqual({ checked: 0, removed: 0 });
  });
});
