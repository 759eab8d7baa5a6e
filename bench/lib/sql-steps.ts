import type pg from "pg";

/** Runs one generator step on `client` and logs how long it took and how many rows it wrote. */
export function timedSqlSteps(client: pg.Client, log: (line: string) => void) {
  return async (what: string, sql: string, values: unknown[] = []): Promise<void> => {
    const started = Date.now();
    const result = await client.query(sql, values);
    log(
      `  ${what}: ${((Date.now() - started) / 1000).toFixed(1)} ` +
        `s${result.rowCount ? ` (${result.rowCount.toLocaleString("en-US")} rows)` : ""}`,
    );
  };
}
