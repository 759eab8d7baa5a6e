import { spawnSync } from "node:child_process";
import path from "node:path";

const prismaBin = path.join(process.cwd(), "node_modules", ".bin", "prisma");

/** Applies the committed migrations (`prisma migrate deploy`) to the database at `url`. */
export function migrateDeploy(url: string, options: { quiet?: boolean } = {}): void {
  const result = spawnSync(prismaBin, ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
    encoding: "utf8",
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${result.stdout}\n${result.stderr}`);
  }
  if (!options.quiet) {
    const applied = result.stdout
      .split("\n")
      .filter((l) => /migrations? (have|has) been applied|No pending migrations/i.test(l));
    for (const line of applied) console.log(`  ${line.trim()}`);
  }
}
