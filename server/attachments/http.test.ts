import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { console_, createAgent, portal } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { logger } from "@/server/logger";
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

const deps = (session: ValidSession | null): AttachmentDeps => ({ db, session, store, maxBytes: MAX, log: logger });
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

  it("lets an agent in the console upload only with a live seat (412 otherwise)", async () => {
    const response = await handleUpload(uploadRequest({ file: pdf(), via: "console" }), ticketId, deps(agent));
    expect(response.status).toBe(412);
    expect(((await response.json()) as { message: string }).message).toBe(
      "Attaching a file in the console needs a seat, and you hold none right now. Take a seat, then " +
        "attach the file again.",
    );
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
    const response = await handleDownload(attachment.id, deps(alice));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="Facture _t_.pdf"; filename*=UTF-8''Facture%20%C3%A9t%C3%A9.pdf`,
    );
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(await response.text()).toBe("%PDF-1.7 accents");
    // An agent reads it too; nobody else.
    expect((await handleDownload(attachment.id, deps(agent))).status).toBe(200);
    expect((await handleDownload(attachment.id, deps(bob))).status).toBe(404);
    expect((await handleDownload(attachment.id, deps(null))).status).toBe(401);
    expect((await handleDownload("no-such-id", deps(alice))).status).toBe(404);
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
    const response = await handleDownload(row.id, deps(alice));
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain("private.txt");
  });

  it("quotes names safely in Content-Disposition", () => {
    expect(contentDisposition('a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
  });
});
