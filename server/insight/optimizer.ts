import type { Db } from "../db/client";
import { AppError } from "../errors";
import { optimizerInput } from "@/lib/validation/insight";
import { parseInsightInput } from "./parse";
import type { OptimizerInput, Recommendation } from "./types";

/** Recommends the cheapest mix of named and concurrent seats that meets the service level on the recorded demand. */
export async function recommendSeatMix(db: Db, input: OptimizerInput): Promise<Recommendation> {
  parseInsightInput(optimizerInput, input);
  void db;
  throw new AppError("PRECONDITION_FAILED", "The seat mix optimizer is not ready yet.");
}
