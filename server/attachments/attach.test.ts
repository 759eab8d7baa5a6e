import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser } from "@/test/factories";
import { console_, createAgent, portal, refusal } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import { checkoutSeat } from "@/server/licensing/checkout";
import { addComment } from "@/server/tickets/add-comment";
import { createTicket } from "@/server/tickets/create-ticket";
import { getPortalTicket } from "@/server/tickets/portal-view";
import { attachFile, type IncomingFile } from "./attach";
import { LocalDiskStore } from "./local-disk-store";
import { listTicketAttachments, openAttachment } from "./read";

let db: Db;
let dir: string;
let store: LocalDiskStore;
const MAX = 64 * 1024;
let alice: Awaited<ReturnType<typeof createUser>>;
let bob: Awaited<ReturnType<typeof createUser>>;
let agent: Awaited<ReturnType<typeof createNamedAgent>>;
let ticket: Awaited<ReturnType<typeof createTicket>>;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  dir = await mkdtemp(path.join(os.tmpdir(), "seatdesk-attachments-"));
  store = new LocalDiskStore(dir);
  alice = await createUser(db);
  bob = await createUser(db);
  agent = await createNamedAgent(db);
  ticket = await createTicket(db, portal(alice), { title: "Printer prints blank pages" });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const PNG_HEAD = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
function file(name: string, content: Uint8Array | string, announcedSize?: number): IncomingFile {
  const data = typeof content === "string" ? new TextEncoder().encode(content) : content;
  return {
    name,
    size: announcedSize ?? data.byteLength,
    head: data.subarray(0, 8192),
    stream: () =>
      new ReadableStream({
        start(c) {
          c.enqueue(data);
          c.close();
        },
      }),
  };
}
const png = (extra = "pixels") => new Uint8Array([...PNG_HEAD, ...new TextEncoder().encode(extra)]);
const options = () => ({ store, maxBytes: MAX });

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return Buffer.from(await new Response(stream).arrayBuffer()).toString();
}

describe("attaching files", () => {
  it("stores a requester's file under a random key, never its name, with size and checksum", async () => {
    const content = png("screenshot of the blank page");
    const a = await attachFile(
      db,
      portal(alice),
      { ticketRef: ticket.displayNumber, file: file("../../blank page.png", content) },
      options(),
    );
    expect(a).toMatchObject({
      ticketId: ticket.id,
      commentId: null,
      fileName: "blank page.png",
      contentType: "image/png",
      sizeBytes: content.byteLength,
      uploader: { id: alice.id },
    });
    const row = await db.ticketAttachment.findUniqueOrThrow({ where: { id: a.id } });
    expect(row.sha256).toBe(createHash("sha256").update(content).digest("hex"));
    expect(row.storageKey).toMatch(/^[a-f0-9]{32}$/);
    const onDisk = path.join(dir, row.storageKey.slice(0, 2), row.storageKey);
    expect(await storedFiles()).toContain(onDisk);
    expect(Buffer.compare(await readFile(onDisk), Buffer.from(content))).toBe(0);
    expect((await storedFiles()).some((f) => f.includes("blank"))).toBe(false);
  });

  it("refuses someone else's ticket as not found, and stores nothing", async () => {
    const before = await storedFiles();
    const error = await refusal(
      attachFile(db, portal(bob), { ticketRef: ticket.id, file: file("x.png", png()) }, options()),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(await storedFiles()).toEqual(before);
  });

  it("through the portal, only on one's own public reply; never on an internal note", async () => {
    const note = await addComment(db, console_(agent), { ticketId: ticket.id, body: "internal", internal: true });
    const reply = await addComment(db, console_(agent), { ticketId: ticket.id, body: "Which tray?" });
    const own = await addComment(db, portal(alice), { ticketId: ticket.id, body: "Tray 2, see photo" });
    expect(
      (
        await refusal(
          attachFile(
            db,
            portal(alice),
            { ticketRef: ticket.id, commentId: note.id, file: file("a.png", png()) },
            options(),
          ),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (
        await refusal(
          attachFile(
            db,
            portal(alice),
            { ticketRef: ticket.id, commentId: reply.id, file: file("a.png", png()) },
            options(),
          ),
        )
      ).code,
    ).toBe("FORBIDDEN");
    const onReply = await attachFile(
      db,
      portal(alice),
      { ticketRef: ticket.id, commentId: own.id, file: file("tray.png", png()) },
      options(),
    );
    expect(onReply.commentId).toBe(own.id);
  });

  it("through the console, needs a live seat; the refused file is not kept", async () => {
    const note = await addComment(db, console_(agent), {
      ticketId: ticket.id,
      body: "driver log attached",
      internal: true,
    });
    const before = await storedFiles();
    const noSeat = await refusal(
      attachFile(
        db,
        console_(agent),
        { ticketRef: ticket.id, commentId: note.id, file: file("driver.log", "error 42") },
        options(),
      ),
    );
    expect(noSeat.code).toBe("PRECONDITION_FAILED");
    expect(await storedFiles()).toEqual(before);
    expect(await db.ticketAttachment.count({ where: { commentId: note.id } })).toBe(0);

    expect((await checkoutSeat(db, { userId: agent.id })).status).toBe("granted");
    const a = await attachFile(
      db,
      console_(agent),
      { ticketRef: ticket.id, commentId: note.id, file: file("driver.log", "error 42") },
      options(),
    );
    expect(a).toMatchObject({ commentId: note.id, contentType: "text/plain; charset=utf-8" });
    // End users cannot work through the console door.
    expect(
      (await refusal(attachFile(db, console_(alice), { ticketRef: ticket.id, file: file("a.png", png()) }, options())))
        .code,
    ).toBe("FORBIDDEN");
  });

  it(
    "refuses a stream longer than announced (413) and a content that does not match (415), keeping " + "nothing",
    async () => {
      const before = await storedFiles();
      const big = new Uint8Array(MAX + 1).fill(65);
      const tooLarge = await refusal(
        attachFile(db, portal(alice), { ticketRef: ticket.id, file: file("big.txt", big, 10) }, options()),
      );
      expect(tooLarge.details).toMatchObject({ httpStatus: 413 });
      const fake = await refusal(
        attachFile(db, portal(alice), { ticketRef: ticket.id, file: file("photo.png", "%PDF-1.4") }, options()),
      );
      expect(fake.details).toMatchObject({ httpStatus: 415 });
      expect(await storedFiles()).toEqual(before);
    },
  );

  it("takes no more files on a closed ticket", async () => {
    const t = await createTicket(db, portal(alice), { title: "Closed already" });
    await db.ticket.update({ where: { id: t.id }, data: { status: "CLOSED" } });
    const before = await storedFiles();
    expect(
      (await refusal(attachFile(db, portal(alice), { ticketRef: t.id, file: file("a.png", png()) }, options())))
        .message,
    ).toMatch(/closed, so no more files/);
    expect(await storedFiles()).toEqual(before);
  });
});

describe("who may see a file", () => {
  it(
    "the requester sees files on the ticket and on public replies, never on internal notes; others see " + "nothing",
    async () => {
      const t = await createTicket(db, portal(alice), { title: "Who sees what" });
      const pub = await attachFile(db, portal(alice), { ticketRef: t.id, file: file("public.png", png()) }, options());
      const note = await addComment(db, console_(agent), { ticketId: t.id, body: "SECRET NOTE", internal: true });
      const hidden = await attachFile(
        db,
        console_(agent),
        { ticketRef: t.id, commentId: note.id, file: file("secret.txt", "SECRET-FILE") },
        options(),
      );
      const reply = await addComment(db, console_(agent), { ticketId: t.id, body: "Here is the guide" });
      const guide = await attachFile(
        db,
        console_(agent),
        { ticketRef: t.id, commentId: reply.id, file: file("guide.pdf", "%PDF-1.7 guide") },
        options(),
      );

      expect((await listTicketAttachments(db, alice, t.id)).map((a) => a.fileName)).toEqual([
        "public.png",
        "guide.pdf",
      ]);
      expect(await readAll((await openAttachment(db, alice, guide.id, store)).body)).toBe("%PDF-1.7 guide");
      expect((await refusal(openAttachment(db, alice, hidden.id, store))).code).toBe("NOT_FOUND");
      for (const id of [pub.id, hidden.id, guide.id])
        expect((await refusal(openAttachment(db, bob, id, store))).code).toBe("NOT_FOUND");
      // A report viewer is not an agent: nothing either.
      const cfo = await createUser(db, { role: "REPORT_VIEWER" });
      expect((await refusal(openAttachment(db, cfo, pub.id, store))).code).toBe("NOT_FOUND");

      for (const viewer of [agent, await createAgent(db), await createUser(db, { role: "ADMIN" })]) {
        expect((await listTicketAttachments(db, viewer, t.id)).map((a) => a.fileName)).toEqual([
          "public.png",
          "secret.txt",
          "guide.pdf",
        ]);
      }
      expect(await readAll((await openAttachment(db, agent, hidden.id, store)).body)).toBe("SECRET-FILE");

      // The portal view groups them, and leaves the note's file out.
      const view = await getPortalTicket(db, alice, t.id);
      expect(view.attachments.map((a) => a.fileName)).toEqual(["public.png"]);
      expect(view.comments.map((c) => [c.body, c.attachments.map((a) => a.fileName)])).toEqual([
        ["Here is the guide", ["guide.pdf"]],
      ]);
      expect(JSON.stringify(view)).not.toContain("secret.txt");
    },
  );

  it("says so when a file's bytes are missing from storage", async () => {
    const t = await createTicket(db, portal(alice), { title: "Lost file" });
    const a = await attachFile(db, portal(alice), { ticketRef: t.id, file: file("lost.png", png()) }, options());
    await store.delete((await db.ticketAttachment.findUniqueOrThrow({ where: { id: a.id } })).storageKey);
    expect((await refusal(openAttachment(db, alice, a.id, store))).message).toMatch(
      /lost\.png is missing from storage/,
    );
  });
});
