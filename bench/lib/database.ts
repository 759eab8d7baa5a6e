import { createScratchDatabase } from "../../scripts/lib/test-server";

/**
 * A migrated database of the benchmark's own on the test PostgreSQL (the embedded one of
 * SEATDESK_TEST_PG_PORT, or the server of TEST_DATABASE_URL), as scripts/e2e.ts makes one.
 * `drop` removes it and stops the embedded server if this run started it.
 */
export type BenchDatabase = { url: string; drop: () => Promise<void> };

export function createBenchDatabase(): Promise<BenchDatabase> {
  return createScratchDatabase("seatdesk_bench");
}
