import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, startAppServer, type AppServer } from "@/scripts/lib/app-server";
import { startEmbeddedPostgres, type EmbeddedDb } from "@/scripts/lib/embedded-db";
import { migrateDeploy } from "@/scripts/lib/migrate";
import { signInAgent, type SignedInAgent } from "@/scripts/lib/agent-client";
import { closeDb, createDb } from "@/server/db/client";
import { createUser, KNOWN_PASSWORD } from "./factories";

/*
 * A server-rendered page while PostgreSQL is stopped (issue 11): the app's server answers it 503
 * with Retry-After (scripts/serve.ts), not Next's 500; in a browser the error page (app/error.tsx)
 * says the database cannot be reached and offers "Try again"; once the database is back the same
 * page answers 200, without a restart of the app. It stops its database, so it runs its own embedded PostgreSQL.
 */

let server: EmbeddedDb;
let port: number;
let dataDir: string;
let app: AppServer | undefined;
let person: SignedInAgent;

async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const portal = () => fetch(`${person.baseUrl}/portal`, { headers: { cookie: person.cookie }, redirect: "manual" });

describe("a signed-in page while the database is stopped", () => {
  afterAll(async () => {
    await app?.stop("SIGKILL");
    await server?.stop().catch(() => {});
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  beforeAll(async () => {
    await ensureBuilt();
    port = await freePort();
    dataDir = path.join(process.cwd(), ".data", `outage-postgres-${port}`);
    server = await startEmbeddedPostgres({ dataDir, port });
    await server.createDatabase("seatdesk");
    const url = server.url("seatdesk");
    migrateDeploy(url, { quiet: true });
    const db = createDb(url, { max: 1 });
    const user = await createUser(db, { role: "END_USER" });
    await closeDb(db);
    app = await startAppServer({ port: await freePort(), databaseUrl: url, quiet: true, env: { LOG_LEVEL: "silent" } });
    person = await signInAgent(app.url, { userId: user.id, email: user.email }, KNOWN_PASSWORD);
  }, 600_000);

  it("answers 503 with Retry-After and says the database is unavailable, then 200 once it is back", async () => {
    expect((await portal()).status).toBe(200);
    expect((await fetch(`${person.baseUrl}/api/status/database`)).status).toBe(200);

    await server.stop();
    const during = await portal();
    expect(during.status).toBe(503);
    expect(during.headers.get("retry-after")).toBe("5");
    const status = await fetch(`${person.baseUrl}/api/status/database`);
    expect(status.status).toBe(503);
    expect(await status.json()).toMatchObject({ database: "unavailable", message: expect.stringMatching(/database/) });

    // What the person sees: the error page (app/error.tsx) says the database cannot be reached.
    const browser = await chromium.launch({
      executablePath:
        process.env.PLAYWRIGHT_CHROMIUM_PATH ?? (fs.existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
    });
    try {
      const context = await browser.newContext();
      const [name, value] = person.cookie.split(/=(.*)/s) as [string, string];
      await context.addCookies([{ name, value, url: person.baseUrl }]);
      const page = await context.newPage();
      await page.goto(`${person.baseUrl}/portal`);
      await page.getByRole("heading", { name: "The service desk cannot reach its database" }).waitFor();
      expect(await page.locator("main[role=alert]").innerText()).toMatch(/database is unavailable/);
      expect(await page.getByRole("button", { name: "Try again" }).isVisible()).toBe(true);
    } finally {
      await browser.close();
    }

    server = await startEmbeddedPostgres({ dataDir, port });
    let after = 0;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline;) {
      after = (await portal()).status;
      if (after === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(after).toBe(200);
    expect((await fetch(`${person.baseUrl}/api/status/database`)).status).toBe(200);
  }, 60_000);
});
