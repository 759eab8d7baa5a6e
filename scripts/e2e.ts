/**
 * `npm run test:e2e`: Playwright against a production build on its own port and database.
 * A fresh database with the demo organisation is made on the test PostgreSQL (embedded under
 * .data/test-postgres-<port>, or the server of TEST_DATABASE_URL), and dropped afterwards.
 * Seat clocks are shortened so that idle warnings and reservations happen within a test.
 * Mail: a capture SMTP server (scripts/lib/capture-smtp.ts) is the app's outgoing mail server and
 * writes what it receives under E2E_MAIL_DIR; the app's own SMTP listener takes the desk's mail on
 * E2E_MAIL_SMTP_PORT, so a spec can read a notice and answer it.
 */
import "./lib/allow-server-only";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { startCaptureSmtp } from "./lib/capture-smtp";
import { createScratchDatabase } from "./lib/test-server";
import { ensureBuilt, startAppServer } from "./lib/app-server";
import { closeDb, createDb } from "../server/db/client";
import { seedDemoOrganisation } from "../prisma/seed";
import { devLicensePublicKeyPem } from "../prisma/demo/dev-license";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

/** A port nobody listens on right now, for the app's SMTP listener. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function main(): Promise<number> {
  const database = await createScratchDatabase("seatdesk_e2e");
  const databaseUrl = database.url;
  let app: Awaited<ReturnType<typeof startAppServer>> | null = null;
  const mailDir = mkdtempSync(path.join(os.tmpdir(), "seatdesk-e2e-mail-"));
  const outgoing = await startCaptureSmtp({ dir: mailDir });
  const listenerPort = await freePort();
  try {
    const db = createDb(databaseUrl, { max: 2 });
    await seedDemoOrganisation(db, (l) => console.log(`[e2e] ${l}`));
    await closeDb(db);
    await ensureBuilt();
    app = await startAppServer({
      port: E2E_PORT,
      databaseUrl,
      env: {
        SEAT_HEARTBEAT_SECONDS: "2",
        SEAT_SWEEP_SECONDS: "1",
        SEAT_IDLE_WARNING_SECONDS: "20",
        SEAT_RESERVATION_SECONDS: "120",
        SEAT_PRESENCE_GRACE_SECONDS: "120",
        SMTP_URL: outgoing.url,
        MAIL_FROM: "IT Service Desk <desk@acme.test>",
        MAIL_SEND_SECONDS: "1",
        MAIL_FOLD_SECONDS: "2",
        MAIL_SMTP_PORT: String(listenerPort),
        MAIL_SMTP_HOST: "127.0.0.1",
        SEATDESK_LICENSE_PUBLIC_KEY: devLicensePublicKeyPem(),
        // The specs sign the demo administrator in with a password alone; e2e/mfa.spec.ts enrols its own.
        MFA_REQUIRED_FOR: "nobody",
      },
    });
    // Not spawnSync: the capture SMTP server lives in this process and must keep answering.
    const child = spawn(path.join("node_modules", ".bin", "playwright"), ["test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: {
        ...process.env,
        E2E_BASE_URL: app.url,
        E2E_DATABASE_URL: databaseUrl,
        E2E_MAIL_DIR: mailDir,
        E2E_MAIL_SMTP_PORT: String(listenerPort),
        // Servers that specs start themselves (e2e/sso.spec.ts) inherit it too.
        MFA_REQUIRED_FOR: "nobody",
      },
    });
    return await new Promise<number>((resolve) => child.on("exit", (code) => resolve(code ?? 1)));
  } finally {
    await app?.stop();
    await outgoing.stop();
    rmSync(mailDir, { recursive: true, force: true });
    await database.drop().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
