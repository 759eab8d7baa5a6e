/**
 * `npm start` (and `npm run dev` with --dev): one command from a fresh clone to a running desk.
 * 1. the database: DATABASE_URL if set, else the embedded PostgreSQL under .data/;
 * 2. migrations (prisma migrate deploy), and the demo organisation when the database is empty;
 * 3. a production build when the sources changed (not for --dev);
 * 4. the app on http://localhost:$PORT (default 3000), stopped cleanly with Ctrl-C / SIGTERM.
 */
import "./lib/allow-server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { DATA_DIR, openLocalDb, type LocalDb } from "./lib/local-db";
import { isPortOpen } from "./lib/embedded-db";
import { migrateDeploy } from "./lib/migrate";
import { loadOrCreateSecret } from "./lib/secret";
import { buildIfNeeded } from "./lib/build";
import { withBuildLock } from "./lib/build-lock";
import { closeDb, createDb } from "../server/db/client";
import { devLicensePublicKeyPem } from "../prisma/demo/dev-license";
import { DEMO_PASSWORD, DEMO_SIGN_INS, isDatabaseEmpty, seedDemoOrganisation } from "../prisma/seed";
import { withServerNodeOptions } from "./lib/server-node-options";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const log = (line: string) => console.log(`[seatdesk] ${line}`);

/** One clear line and exit: what went wrong and what to do, never a stack trace. */
function fail(message: string): never {
  console.error(`[seatdesk] ${message}`);
  process.exit(1);
}

async function checkReachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query("select 1");
  } catch (error) {
    let where = "the server in DATABASE_URL";
    try {
      const u = new URL(url);
      where = `${u.hostname}:${u.port || 5432}/${u.pathname.slice(1)}`;
    } catch {}
    fail(
      `Cannot reach PostgreSQL at ${where} (${error instanceof Error ? error.message : error}). Start ` +
        `that server or fix DATABASE_URL, or unset DATABASE_URL to use the embedded database.`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    fail(`PORT must be a port number, not "${process.env.PORT}".`);
  if (await isPortOpen(port))
    fail(`Port ${port} is already in use. Stop whatever uses it, or choose another port: PORT=${port + 1} npm start`);

  const secret = process.env.NEXTAUTH_SECRET || loadOrCreateSecret(DATA_DIR);
  if (process.env.DATABASE_URL) await checkReachable(process.env.DATABASE_URL);
  else log("Starting the embedded PostgreSQL (data in .data/postgres)…");

  let db: LocalDb;
  try {
    db = await openLocalDb();
  } catch (error) {
    fail(`The embedded PostgreSQL did not start: ${error instanceof Error ? error.message : error}`);
  }
  let stopping = false;
  const stopDb = async () => {
    if (stopping) return;
    stopping = true;
    await db.stop().catch(() => {});
  };

  try {
    migrateDeploy(db.url, { quiet: true });
    log("Database migrations applied.");
    const prisma = createDb(db.url, { max: 2 });
    if (await isDatabaseEmpty(prisma)) {
      log("Empty database: creating the demo organisation…");
      await seedDemoOrganisation(prisma, log);
    }
    const demo = (await prisma.user.count({ where: { email: "admin@acme.test" } })) > 0;
    await closeDb(prisma);

    // The demo's license file is signed with the development key (prisma/demo/DEV-ONLY-*), which
    // only the demo trusts; a real installation trusts the vendor's key built into the app.
    const trustDevLicenseKey = demo && !process.env.SEATDESK_LICENSE_PUBLIC_KEY;
    if (trustDevLicenseKey) log("Demo organisation: license files signed with the development key are trusted.");
    const env = {
      ...process.env,
      ...(trustDevLicenseKey ? { SEATDESK_LICENSE_PUBLIC_KEY: devLicensePublicKeyPem() } : {}),
      DATABASE_URL: db.url,
      NEXTAUTH_SECRET: secret,
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
    };
    if (!dev) await withBuildLock(root, () => buildIfNeeded(root, { ...env, NODE_ENV: "production" }, log));

    // The custom server (scripts/serve.ts): Next, with /api/trpc and /api/v1 on the lean path in production.
    const next = spawn(
      path.join(root, "node_modules", ".bin", "tsx"),
      ["scripts/serve.ts", ...(dev ? ["--dev"] : [])],
      {
        cwd: root,
        env: withServerNodeOptions({ ...env, NODE_ENV: dev ? "development" : "production" }),
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    const shutdown = (signal: NodeJS.Signals) => {
      log(`Stopping (${signal})…`);
      next.kill("SIGTERM");
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
    next.on("exit", async (code) => {
      await stopDb();
      log("Stopped.");
      process.exit(code ?? 0);
    });

    const url = `http://localhost:${port}`;
    log(`seatdesk is starting on ${url}`);
    if (demo) {
      log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
      for (const s of DEMO_SIGN_INS) log(`  ${s.who.padEnd(36)} ${s.email}`);
    }
  } catch (error) {
    await stopDb();
    fail(error instanceof Error ? error.message : String(error));
  }
}

void main();
