import "server-only";
import type { Priority } from "../db/generated/enums";
import type { DbOrTx } from "../db/transaction";

/*
 * The ITIL priority matrix: impact x urgency -> priority, 1 being high for both. The table
 * PriorityMatrix holds the admin-edited copy (seeded with these defaults by the migration).
 */

export type Level = 1 | 2 | 3;
export type PriorityMatrixMap = Record<`${Level}x${Level}`, Priority>;

export const DEFAULT_PRIORITY_MATRIX: PriorityMatrixMap = {
  "1x1": "P1",
  "1x2": "P2",
  "1x3": "P3",
  "2x1": "P2",
  "2x2": "P3",
  "2x3": "P4",
  "3x1": "P3",
  "3x2": "P4",
  "3x3": "P4",
};

const asLevel = (n: number): Level => {
  if (n !== 1 && n !== 2 && n !== 3) throw new RangeError(`Impact and urgency run from 1 to 3, not ${n}`);
  return n;
};

/** Pure lookup: the matrix's priority for this impact and urgency. */
export function priorityFor(matrix: PriorityMatrixMap, impact: number, urgency: number): Priority {
  return matrix[`${asLevel(impact)}x${asLevel(urgency)}`];
}

/** The matrix as administrators left it; a missing cell falls back to the ITIL default. */
export async function loadPriorityMatrix(db: DbOrTx): Promise<PriorityMatrixMap> {
  return priorityMatrixOf(
    await db.priorityMatrix.findMany({ select: { impact: true, urgency: true, priority: true } }),
  );
}

/** The matrix from its stored cells; a missing cell falls back to the ITIL default. */
export function priorityMatrixOf(
  cells: readonly { impact: number; urgency: number; priority: Priority }[],
): PriorityMatrixMap {
  const matrix = { ...DEFAULT_PRIORITY_MATRIX };
  for (const cell of cells) matrix[`${asLevel(cell.impact)}x${asLevel(cell.urgency)}`] = cell.priority;
  return matrix;
}

/** One cell from the database (what create and update need), with the same fallback. */
export async function lookupPriority(db: DbOrTx, impact: number, urgency: number): Promise<Priority> {
  const row = await db.priorityMatrix.findUnique({
    where: { impact_urgency: { impact, urgency } },
    select: { priority: true },
  });
  return row?.priority ?? priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency);
}
