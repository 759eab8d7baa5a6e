import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { console_, createAgent, portal } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { checkoutSeat } from "@/server/licensing/checkout";
import { releaseLeaseOfUser } from "@/server/licensing/release";
import { addComment } from "@/server/tickets/add-comment";
import { createTicket } from "@/server/tickets/create-ticket";
import { contentDisposition, handleDownload, handleUpload, type AttachmentDeps } from "./http";
import { LocalDiskStore } from "./local-disk-store";

let db: Db;
let dir: string;
let store: LocalDiskStore;
let alice: ValidSession;
let bob: ValidSession;
let agent: ValidSession;
let ticketId: string;
const MAX = 32 * 1024;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  dir = await mkdtemp(path.join(os.tmpdir(), "seatdesk-http-"));
  store = new LocalDiskStore(dir);
  const a = await createUser(db);
  alice = await signIn(db, a.id);
  bob = await signIn(db, (await createUser(db)).id);
  agent = await signIn(db, (await createAgent(db)).id);
  ticketId = (await createTicket(db, portal(a), { title: "Upload over HTTP" })).id;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const deps = (session: ValidSession | null): AttachmentDeps => ({ db, session, store, maxBytes: MAX });
const get = new Request("http://localhost/api/attachments/x");
function uploadRequest(fields: Record<string, string | File>): Request {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  return new Request("http://localhost/api/tickets/x/attachments", { method: "POST", body: form });
}
const pdf = (name = "scan.pdf", body = "%PDF-1.7 scanned") => new File([body], name, { type: "application/pdf" });

describe("POST /api/tickets/[ticketId]/attachments", () => {
  it("stores the file and answers 201 with what was stored (the type from the table, not the browser)", async () => {
    const response = await handleUpload(
      uploadRequest({ file: new File(["%PDF-1.7 x"], "scan.pdf", { type: "text/html" }) }),
      ticketId,
      deps(alice),
    );
    expect(response.status).toBe(201);
    const body = (await response.json()) as { attachment: { id: string; fileName: string; contentType: string } };
    expect(body.attachment).toMatchObject({ fileName: "scan.pdf", contentType: "application/pdf" });
  });

  it("answers 401 without a session, 404 for someone else's ticket, 400 without a file", async () => {
    expect((await handleUpload(uploadRequest({ file: pdf() }), ticketId, deps(null))).status).toBe(401);
    const other = await handleUpload(uploadRequest({ file: pdf() }), ticketId, deps(bob));
    expect(other.status).toBe(404);
    expect(((await other.json()) as { message: string }).message).toMatch(/not found among the tickets you can see/);
    const none = await handleUpload(uploadRequest({ note: "no file" }), ticketId, deps(alice));
    expect(none.status).toBe(400);
    expect(await none.json()).toMatchObject({ message: "Choose a file to attach.", field: "file" });
  });

  it(
    "answers 413 for too large and 415 for a disallowed or disguised type, with the message for the " + "field",
    async () => {
      const big = await handleUpload(
        uploadRequest({ file: new File(["x".repeat(MAX + 1)], "big.txt") }),
        ticketId,
        deps(alice),
      );
      expect(big.status).toBe(413);
      expect(await big.json()).toMatchObject({
        message: "big.txt is 32 KB: files can be at most 32 KB.",
        field: "file",
      });
      const html = await handleUpload(
        uploadRequest({ file: new File(["<html>"], "page.html") }),
        ticketId,
        deps(alice),
      );
      expect(html.status).toBe(415);
      const disguised = await handleUpload(
        uploadRequest({ file: new File(["<svg onload=alert(1)>"], "logo.png") }),
        ticketId,
        deps(alice),
      );
      expect(disguised.status).toBe(415);
      expect(((await disguised.json()) as { message: string }).message).toMatch(/does not look like a PNG image/);
    },
  );

  it("refuses a body announced larger than the limit before reading it", async () => {
    const request = new Request("http://localhost/x", {
      method: "POST",
      headers: { "content-length": String(MAX * 10), "content-type": "multipart/form-data; boundary=x" },
      body: "--x--",
    });
    expect((await handleUpload(request, ticketId, deps(alice))).status).toBe(413);
  });

  it("refuses a console upload to an agent without a seat license (403), as any console write", async () => {
    const response = await handleUpload(uploadRequest({ file: pdf(), via: "console" }), ticketId, deps(agent));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      message: expect.stringContaining("no seat license"),
      details: { seat: "unlicensed" },
    });
    expect(await db.ticketAttachment.count({ where: { uploaderId: agent.user.id } })).toBe(0);
  });

  // A console upload is a seat-gated write exactly as a tRPC write (server/trpc/middleware/seat.ts).
  const consoleUploads = async (session: ValidSession) =>
    db.ticketAttachment.count({ where: { uploaderId: session.user.id } });

  it("takes a seat for a console upload when one is free, as a console write does", async () => {
    const named = await signIn(db, (await createNamedAgent(db)).id);
    const response = await handleUpload(uploadRequest({ file: pdf(), via: "console" }), ticketId, deps(named));
    expect(response.status).toBe(201);
    expect(await db.seatLease.count({ where: { userId: named.user.id, endedAt: null } })).toBe(1);
    expect(await consoleUploads(named)).toBe(1);
  });

  it("refuses a console upload (412) to a pool agent while the pool is full, storing nothing", async () => {
    const pool = await createPool(db, { size: 1 });
    const [holder, waiting] = await createPoolMembers(db, pool.id, 2);
    expect((await checkoutSeat(db, { userId: holder!.id })).status).toBe("granted");
    const session = await signIn(db, waiting!.id);
    const response = await handleUpload(uploadRequest({ file: pdf(), via: "console" }), ticketId, deps(session));
    expect(response.status).toBe(412);
    expect(await response.json()).toMatchObject({
      message: expect.stringContaining("1 of 1"),
      details: { seat: "refused" },
    });
    expect(await consoleUploads(session)).toBe(0);
    expect(await db.seatLease.count({ where: { userId: waiting!.id } })).toBe(0);
  });

  it("after an administrator's release, refuses a console upload until the agent takes a seat again", async () => {
    const pool = await createPool(db, { size: 2 });
    const [member] = await createPoolMembers(db, pool.id, 1);
    const session = await signIn(db, member!.id);
    expect((await checkoutSeat(db, { userId: member!.id })).status).toBe("granted");
    await releaseLeaseOfUser(db, { userId: member!.id, reason: "ADMIN", note: "licence audit" });

    const refused = await handleUpload(uploadRequest({ file: pdf(), via: "console" }), ticketId, deps(session));
    expect(refused.status).toBe(412);
    expect(await refused.json()).toMatchObject({
      message: expect.stringContaining("licence audit"),
      details: { seat: "ended", reason: "ADMIN" },
    });
    expect(await consoleUploads(session)).toBe(0);
    expect(await db.seatLease.count({ where: { userId: member!.id, endedAt: null } })).toBe(0);

    // "Take a seat" acknowledges the release; the next upload goes through.
    expect((await checkoutSeat(db, { userId: member!.id })).status).toBe("granted");
    const stored = await handleUpload(uploadRequest({ file: pdf(), via: "console" }), ticketId, deps(session));
    expect(stored.status).toBe(201);
    expect(await consoleUploads(session)).toBe(1);
  });
});

describe("GET /api/attachments/[attachmentId]", () => {
  it("sends the file as a download with the stored type, nosniff and the exact name", async () => {
    const up = await handleUpload(
      uploadRequest({ file: pdf("Facture été.pdf", "%PDF-1.7 accents") }),
      ticketId,
      deps(alice),
    );
    const { attachment } = (await up.json()) as { attachment: { id: string } };
    const response = await handleDownload(get, attachment.id, deps(alice));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Facture _t_.pdf"; filename*=UTF-8''Facture%20%C3%A9t%C3%A9.pdf`,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.text()).toBe("%PDF-1.7 accents");
    // An agent reads it too; nobody else.
    expect((await handleDownload(get, attachment.id, deps(agent))).status).toBe(200);
    expect((await handleDownload(get, attachment.id, deps(bob))).status).toBe(404);
    expect((await handleDownload(get, attachment.id, deps(null))).status).toBe(401);
    expect((await handleDownload(get, "no-such-id", deps(alice))).status).toBe(404);
  });

  it("answers 404 to the requester for a file on an internal note", async () => {
    const agentUser = { id: agent.user.id, role: agent.user.role };
    const note = await addComment(db, console_(agentUser), { ticketId, body: "private", internal: true });
    const row = await db.ticketAttachment.create({
      data: {
        ticketId,
        commentId: note.id,
        uploaderId: agent.user.id,
        fileName: "private.txt",
        contentType: "text/plain; charset=utf-8",
        sizeBytes: 1,
        sha256: "x",
        storageKey: "0".repeat(32),
      },
    });
    const response = await handleDownload(get, row.id, deps(alice));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("private.txt");
  });

  it("quotes names safely in Content-Disposition", () => {
    expect(contentDisposition('a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
  });
});
