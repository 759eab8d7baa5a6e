/**
 * `npm run test:e2e`: Playwright against a production build on its own port and database.
 * A fresh database with the demo organisation is made on the test PostgreSQL (embedded under
 * .data/test-postgres-<port>, or the server of TEST_DATABASE_URL), and dropped afterwards.
 * Seat clocks are shortened so that idle warnings and reservations happen within a test.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { createScratchDatabase } from "./lib/test-server";
import { ensureBuilt, startAppServer } from "./lib/app-server";
import { createDb } from "../server/db/client";
import { seedDemoOrganisation } from "../prisma/seed";
import { devLicensePublicKeyPem } from "../prisma/demo/dev-license";

const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);

async function main(): Promise<number> {
  const database = await createScratchDatabase("seatdesk_e2e");
  const databaseUrl = database.url;
  let app: Awaited<ReturnType<typeof startAppServer>> | null = null;
  try {
    const db = createDb(databaseUrl, { max: 2 });
    await seedDemoOrganisation(db, (l) => console.log(`[e2e] ${l}`));
    await db.$disconnect();
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
        SEATDESK_LICENSE_PUBLIC_KEY: devLicensePublicKeyPem(),
      },
    });
    const result = spawnSync(path.join("node_modules", ".bin", "playwright"), ["test", ...process.argv.slice(2)], {
      stdio: "inherit",
      env: { ...process.env, E2E_BASE_URL: app.url, E2E_DATABASE_URL: databaseUrl },
    });
    return result.status ?? 1;
  } finally {
    await app?.stop();
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
