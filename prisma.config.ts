import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";

// Prisma runs without native engines: the schema engine is WebAssembly and talks to PostgreSQL
// through this driver adapter (see ../shared/stack-notes.md). DATABASE_URL is set by
// scripts/start.ts (embedded PostgreSQL) or by the environment.
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
