import type { Db } from "../../server/db/client";

/** The demo organisation's about 5,000 tickets over the last 90 days, with conversations (issue 4). Runs after the people, groups and seats exist. */
export async function seedDemoTickets(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  void db;
  void log;
}
