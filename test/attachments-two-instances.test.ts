import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, startAppServer, type AppServer } from "@/scripts/lib/app-server";
import { signInAgent, trpcMutation, type SignedInAgent } from "@/scripts/lib/agent-client";
import { createTestDatabase } from "./db";
import { createUser, KNOWN_PASSWORD } from "./factories";

/*
 * Scale-out with real production instances: two `next start` processes on one database, each
 * with its own attachments folder (as on two machines), ATTACHMENT_STORE=postgres. A file
 * uploaded through one downloads through the other, byte for byte.
 * (server/attachments/postgres-store.test.ts shows the local disk failing the same way in process.)
 */

const apps: AppServer[] = [];
const folders: string[] = [];
let requester: SignedInAgent;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("attachments across two instances that share no folder", () => {
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.stop("SIGKILL")));
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });
  process.once("exit", () => apps.forEach((app) => app.process.kill("SIGKILL")));

  beforeAll(async () => {
    await ensureBuilt();
    const { db, url } = await createTestDatabase();
    const person = await createUser(db, { role: "END_USER" });
    const ports = [await freePort(), await freePort()];
    apps.push(
      ...(await Promise.all(
        ports.map((port) => {
          const folder = fs.mkdtempSync(path.join(os.tmpdir(), "seatdesk-machine-"));
          folders.push(folder);
          return startAppServer({
            port,
            databaseUrl: url,
            quiet: true,
            env: { ATTACHMENT_STORE: "postgres", ATTACHMENTS_DIR: folder, LOG_LEVEL: "error" },
          });
        }),
      )),
    );
    requester = await signInAgent(apps[0]!.url, { userId: person.id, email: person.email }, KNOWN_PASSWORD);
  }, 600_000);

  it("uploads through one and downloads through the other", async () => {
    const [one, other] = apps as [AppServer, AppServer];
    const ticket = await trpcMutation<{ id: string }>(requester, "portalTickets.create", {
      type: "INCIDENT",
      title: "The scanner eats paper",
    });
    const bytes = Buffer.concat([Buffer.from("%PDF-1.7\n"), randomBytes(3 * 1024 * 1024 + 77)]);
    const form = new FormData();
    form.set("file", new File([bytes], "jam.pdf", { type: "application/pdf" }));
    const upload = await fetch(`${one.url}/api/tickets/${ticket.id}/attachments`, {
      method: "POST",
      headers: { cookie: requester.cookie, origin: one.url },
      body: form,
    });
    expect(upload.status).toBe(201);
    const { attachment } = (await upload.json()) as { attachment: { id: string } };

    // The same sign-in on the other instance (the session lives in the shared database).
    const download = await fetch(`${other.url}/api/attachments/${attachment.id}`, {
      headers: { cookie: requester.cookie },
    });
    expect(download.status).toBe(200);
    const received = Buffer.from(await download.arrayBuffer());
    expect(received.byteLength).toBe(bytes.byteLength);
    expect(createHash("sha256").update(received).digest("hex")).toBe(createHash("sha256").update(bytes).digest("hex"));
    // Neither machine's folder holds the file.
    for (const folder of folders) expect(fs.readdirSync(folder)).toEqual([]);
  }, 60_000);
});
