import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { portal } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { createTicket } from "@/server/tickets/create-ticket";
import { handleDownload, handleUpload, type AttachmentDeps } from "./http";
import { LocalDiskStore } from "./local-disk-store";
import { CHUNK_BYTES, PostgresStore } from "./postgres-store";
import type { AttachmentStore } from "./store";
import { removeOrphanedFiles } from "./sweep-orphans";

/*
 * Scale-out: two app instances that share the database and nothing else (each its own
 * connection pool and its own attachments folder). With the local-disk store a file uploaded
 * through one is missing on the other; with the PostgreSQL store it downloads, byte for byte.
 */

let db: Db;
let newClient: (max?: number) => Db;
let alice: ValidSession;
let ticketId: string;
const folders: string[] = [];
const MAX = 10 * 1024 * 1024;

beforeAll(async () => {
  ({ db, newClient } = await createTestDatabase());
  const requester = await createUser(db);
  alice = await signIn(db, requester.id);
  ticketId = (await createTicket(db, portal(requester), { title: "Scan of the broken screen" })).id;
});
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

/** An app instance: its own pool on the shared database, its own folder. */
async function instance(kind: "disk" | "postgres"): Promise<AttachmentDeps> {
  const client = newClient(4);
  const folder = await mkdtemp(path.join(os.tmpdir(), "seatdesk-instance-"));
  folders.push(folder);
  const store: AttachmentStore = kind === "postgres" ? new PostgresStore(client) : new LocalDiskStore(folder);
  return { db: client, session: alice, store, maxBytes: MAX };
}

const get = new Request("http://localhost/api/attachments/x");

/** A PDF of `size` bytes (random after the signature), as an upload form. */
function pdfUpload(size: number): { request: Request; sha256: string } {
  const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(size - 9)]);
  const form = new FormData();
  form.set("file", new File([bytes], "scan.pdf", { type: "application/pdf" }));
  const request = new Request("http://localhost/api/tickets/x/attachments", { method: "POST", body: form });
  return { request, sha256: createHash("sha256").update(bytes).digest("hex") };
}

async function uploadThrough(deps: AttachmentDeps, size: number): Promise<{ id: string; sha256: string }> {
  const { request, sha256 } = pdfUpload(size);
  const response = await handleUpload(request, ticketId, deps);
  expect(response.status).toBe(201);
  const { attachment } = (await response.json()) as { attachment: { id: string } };
  return { id: attachment.id, sha256 };
}

describe("two instances that do not share a folder", () => {
  it("the local disk: a file uploaded through one is missing on the other", async () => {
    const [one, other] = [await instance("disk"), await instance("disk")];
    const { id } = await uploadThrough(one, 4096);
    expect((await handleDownload(get, id, one)).status).toBe(200);
    expect((await handleDownload(get, id, other)).status).not.toBe(200);
  });

  it("PostgreSQL: a 10 MB file uploaded through one downloads through the other, byte for byte", async () => {
    const [one, other] = [await instance("postgres"), await instance("postgres")];
    const size = MAX - 12_345; // not a whole number of chunks
    const { id, sha256 } = await uploadThrough(one, size);

    const response = await handleDownload(get, id, other);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(size));
    // Read as a client does, piece by piece: no piece is larger than a chunk.
    const hash = createHash("sha256");
    let received = 0;
    let largestPiece = 0;
    for await (const piece of response.body! as unknown as AsyncIterable<Uint8Array>) {
      hash.update(piece);
      received += piece.byteLength;
      largestPiece = Math.max(largestPiece, piece.byteLength);
    }
    expect(received).toBe(size);
    expect(hash.digest("hex")).toBe(sha256);
    expect(largestPiece).toBeLessThanOrEqual(CHUNK_BYTES);

    // Stored as chunks of CHUNK_BYTES (the last one shorter), never as one value.
    const { storageKey } = await db.ticketAttachment.findUniqueOrThrow({ where: { id }, select: { storageKey: true } });
    const chunks = await db.$queryRaw<{ seq: number; bytes: number }[]>`
      select seq, octet_length(data) as bytes from "AttachmentChunk" where key = ${storageKey} order by seq`;
    expect(chunks).toHaveLength(Math.ceil(size / CHUNK_BYTES));
    expect(chunks.slice(0, -1).every((c) => c.bytes === CHUNK_BYTES)).toBe(true);
  });
});

describe("the PostgreSQL store", () => {
  const store = () => new PostgresStore(db);
  const streamOf = (bytes: Uint8Array) =>
    new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes);
        c.close();
      },
    });

  it("stores nothing of a file that is too large", async () => {
    const before = await db.attachmentObject.count();
    await expect(store().put(streamOf(randomBytes(2048)), { maxBytes: 1024 })).rejects.toThrow(/at most/);
    expect(await db.attachmentObject.count()).toBe(before);
  });

  it("answers null for a key it does not hold, and deleting it is not an error", async () => {
    expect(await store().get("0".repeat(32))).toBeNull();
    expect(await store().get("../../etc/passwd")).toBeNull();
    await store().delete("0".repeat(32));
  });

  it("lists old objects for the orphan sweep, and clears an old upload that never finished", async () => {
    const s = store();
    const orphan = (await s.put(streamOf(randomBytes(100)), { maxBytes: 1024 })).key;
    const young = (await s.put(streamOf(randomBytes(100)), { maxBytes: 1024 })).key;
    const unfinished = "f".repeat(32);
    await db.attachmentObject.create({ data: { key: unfinished, complete: false } });
    await db.$executeRaw`update "AttachmentObject" set "storedAt" = now() - interval '3 hours' where key in
      (${orphan}, ${unfinished})`;
    // An unfinished object is never served, even before the sweep clears it.
    expect(await s.get(unfinished)).toBeNull();

    const result = await removeOrphanedFiles(db, s);
    expect(result.removed).toBeGreaterThanOrEqual(1);
    const left = await db.attachmentObject.findMany({ where: { key: { in: [orphan, young, unfinished] } } });
    expect(left.map((o) => o.key)).toEqual([young]);
  });
});
