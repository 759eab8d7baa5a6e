import type { Db } from "../db/client";
import { AppError } from "../errors";
import { usageReportInput } from "@/lib/validation/insight";
import { parseInsightInput } from "./parse";
import type { UsageReport, UsageReportInput } from "./types";

/** The usage report of one scope (named seats, one pool, or every seat) over a period. */
export async function getUsageReport(db: Db, input: UsageReportInput): Promise<UsageReport> {
  parseInsightInput(usageReportInput, input);
  void db;
  throw new AppError("PRECONDITION_FAILED", "Usage reports are not ready yet.");
}
