/**
 * `npm run db:seed`: creates the demo organisation in an empty database (migrations first).
 * A database that already has people is left alone: the demo passwords are never added to a
 * real organisation by accident.
 */
import "./lib/allow-server-only";
import { openLocalDb } from "./lib/local-db";
import { migrateDeploy } from "./lib/migrate";
import { closeDb, createDb } from "../server/db/client";
import { DEMO_PASSWORD, DEMO_SIGN_INS, isDatabaseEmpty, seedDemoOrganisation } from "../prisma/seed";

async function main() {
  const db = await openLocalDb();
  const prisma = createDb(db.url, { max: 2 });
  try {
    migrateDeploy(db.url, { quiet: true });
    if (!(await isDatabaseEmpty(prisma))) {
      console.log("The database already has people in it: nothing was seeded.");
      return;
    }
    await seedDemoOrganisation(prisma, console.log);
    console.log(`Demo sign-ins (password: ${DEMO_PASSWORD}):`);
    for (const s of DEMO_SIGN_INS) console.log(`  ${s.who.padEnd(36)} ${s.email}`);
  } finally {
    await closeDb(prisma);
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
