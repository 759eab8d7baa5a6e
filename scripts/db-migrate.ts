/** `npm run db:migrate`: applies the committed migrations to DATABASE_URL or the embedded database. */
import { openLocalDb } from "./lib/local-db";
import { migrateDeploy } from "./lib/migrate";

async function main() {
  const db = await openLocalDb();
  try {
    migrateDeploy(db.url);
    console.log("Migrations applied.");
  } finally {
    await db.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
