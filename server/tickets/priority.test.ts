import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/server/db/client";
import { createTestDatabase } from "@/test/db";
import { createUser } from "@/test/factories";
import { console_ } from "@/test/tickets";
import { createTicket } from "./create-ticket";
import { savePriorityMatrix } from "./priority-matrix-admin";
import { DEFAULT_PRIORITY_MATRIX, loadPriorityMatrix, lookupPriority, priorityFor } from "./priority";

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

// ITIL: impact (rows) x urgency (columns), 1 = high.
const ITIL = [
  [1, 1, "P1"],
  [1, 2, "P2"],
  [1, 3, "P3"],
  [2, 1, "P2"],
  [2, 2, "P3"],
  [2, 3, "P4"],
  [3, 1, "P3"],
  [3, 2, "P4"],
  [3, 3, "P4"],
] as const;

describe("priority matrix", () => {
  it.each(ITIL)("impact %i x urgency %i gives %s (pure lookup)", (impact, urgency, priority) => {
    expect(priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(priority);
  });

  it("refuses levels outside 1..3", () => {
    expect(() => priorityFor(DEFAULT_PRIORITY_MATRIX, 0, 1)).toThrow(/1 to 3/);
    expect(() => priorityFor(DEFAULT_PRIORITY_MATRIX, 2, 4)).toThrow(/1 to 3/);
  });

  it("is seeded by the migration with the nine ITIL defaults", async () => {
    expect(await loadPriorityMatrix(db)).toEqual(DEFAULT_PRIORITY_MATRIX);
    expect(await db.priorityMatrix.count()).toBe(9);
    for (const [impact, urgency, priority] of ITIL) expect(await lookupPriority(db, impact, urgency)).toBe(priority);
  });

  it(
    "follows an administrator's edit when a ticket is created, and the database refuses cells outside " + "1..3",
    async () => {
      await db.priorityMatrix.update({
        where: { impact_urgency: { impact: 3, urgency: 3 } },
        data: { priority: "P3" },
      });
      try {
        expect((await loadPriorityMatrix(db))["3x3"]).toBe("P3");
        const agent = await createUser(db, { role: "AGENT" });
        const { id } = await createTicket(db, console_(agent), { title: "Printer jam", impact: 3, urgency: 3 });
        expect((await db.ticket.findUniqueOrThrow({ where: { id } })).priority).toBe("P3");
        await expect(db.priorityMatrix.create({ data: { impact: 4, urgency: 1, priority: "P1" } })).rejects.toThrow(
          /PriorityMatrix_range/,
        );
      } finally {
        await db.priorityMatrix.update({
          where: { impact_urgency: { impact: 3, urgency: 3 } },
          data: { priority: "P4" },
        });
      }
    },
  );

  it("is saved whole by an administrator, and a less severe cell may not outrank a more severe one", async () => {
    const stricter = { ...DEFAULT_PRIORITY_MATRIX, "1x2": "P1", "2x1": "P1" } as const;
    expect(await savePriorityMatrix(db, { cells: stricter })).toEqual(stricter);
    expect(await lookupPriority(db, 2, 1)).toBe("P1");
    const inverted = await savePriorityMatrix(db, { cells: { ...DEFAULT_PRIORITY_MATRIX, "2x2": "P1" } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(inverted).toMatchObject({
      code: "BAD_REQUEST",
      field: "cells.1x2",
      message:
        "Impact 1 x urgency 2 is P2 but the less severe 2 x 2 is P1: a less severe cell cannot have a higher priority.",
    });
    expect(await loadPriorityMatrix(db)).toEqual(stricter);
    await savePriorityMatrix(db, { cells: DEFAULT_PRIORITY_MATRIX });
    expect(await loadPriorityMatrix(db)).toEqual(DEFAULT_PRIORITY_MATRIX);
  });
});
