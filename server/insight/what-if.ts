import type { Db } from "../db/client";
import { AppError } from "../errors";
import { whatIfInput } from "@/lib/validation/insight";
import { parseInsightInput } from "./parse";
import type { WhatIfInput, WhatIfOutcome } from "./types";

/** Replays the recorded demand against the administrator's own mix. */
export async function replayWhatIf(db: Db, input: WhatIfInput): Promise<WhatIfOutcome> {
  parseInsightInput(whatIfInput, input);
  void db;
  throw new AppError("PRECONDITION_FAILED", "The what-if replay is not ready yet.");
}
