import "server-only";
import type { Db } from "../db/client";
import { inTransaction } from "../db/transaction";
import { AppError } from "../errors";
import { savePriorityMatrixInput, type SavePriorityMatrixInput } from "@/lib/validation/tickets";
import { loadPriorityMatrix, type PriorityMatrixMap } from "./priority";

/**
 * Administrators edit the matrix (adminProcedure: no seat). New priorities apply to tickets
 * created or re-rated afterwards; existing tickets keep theirs, as their history says how they
 * got it. A matrix where more impact or urgency would lower the priority is refused: it would
 * rank a company-wide outage below one person's inconvenience.
 */
export async function savePriorityMatrix(db: Db, rawInput: SavePriorityMatrixInput): Promise<PriorityMatrixMap> {
  const { cells } = savePriorityMatrixInput.parse(rawInput);
  const rank = (p: string) => Number(p.slice(1));
  for (const [key, priority] of Object.entries(cells)) {
    const [impact, urgency] = key.split("x").map(Number) as [number, number];
    const lower = [impact < 3 ? `${impact + 1}x${urgency}` : null, urgency < 3 ? `${impact}x${urgency + 1}` : null];
    for (const next of lower) {
      if (next && rank(cells[next as keyof typeof cells]) < rank(priority)) {
        throw new AppError(
          "BAD_REQUEST",
          `Impact ${impact} x urgency ${urgency} is ${priority} but the less ` +
            `severe ${next.replace("x", " x ")} is ${cells[next as keyof typeof cells]}: a less severe cell cannot ` +
            `have a higher priority.`,
          { cell: key },
          `cells.${key}`,
        );
      }
    }
  }
  await inTransaction(db, async (tx) => {
    for (const [key, priority] of Object.entries(cells)) {
      const [impact, urgency] = key.split("x").map(Number) as [number, number];
      await tx.priorityMatrix.upsert({
        where: { impact_urgency: { impact, urgency } },
        create: { impact, urgency, priority },
        update: { priority },
      });
    }
  });
  return loadPriorityMatrix(db);
}
