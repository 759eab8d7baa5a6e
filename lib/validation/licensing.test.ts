import { describe, expect, it } from "vitest";
import { deletePoolInput, poolInput, poolSize, setLicenseInput, updatePoolInput } from "./licensing";

/* The shared schemas refuse bad input with messages a person understands, on the right field. */

const pool = { name: "Specialists", size: 4, idleTimeoutMinutes: 30, groupId: null, memberIds: [] };
const messageFor = (
  result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } },
  field: string,
) => result.error?.issues.find((i) => i.path[0] === field)?.message;

describe("pool sizes", () => {
  it.each([0, -1, -4])("refuses %d seats", (size) => {
    const result = poolInput.safeParse({ ...pool, size });
    expect(result.success).toBe(false);
    expect(messageFor(result, "size")).toBe("A pool needs at least 1 seat");
  });

  it.each([1.5, 0.5, 3.25])("refuses a fractional %s seats", (size) => {
    expect(messageFor(poolInput.safeParse({ ...pool, size }), "size")).toBe(
      "A pool has a whole number of seats, like 4",
    );
  });

  it("refuses a missing or non-numeric size (an empty number field gives NaN)", () => {
    expect(messageFor(poolInput.safeParse({ ...pool, size: Number.NaN }), "size")).toBe(
      "Enter how many seats the pool has",
    );
    expect(messageFor(poolInput.safeParse({ ...pool, size: "4" }), "size")).toBe("Enter how many seats the pool has");
  });

  it("accepts whole positive sizes, in edits too", () => {
    expect(poolSize.safeParse(1).success).toBe(true);
    expect(updatePoolInput.safeParse({ poolId: "p1", size: 7 }).success).toBe(true);
    expect(updatePoolInput.safeParse({ poolId: "p1", size: 2.5 }).success).toBe(false);
  });
});

describe("other pool fields", () => {
  it("keeps the idle timeout between 1 and 1440 whole minutes", () => {
    expect(messageFor(poolInput.safeParse({ ...pool, idleTimeoutMinutes: 0 }), "idleTimeoutMinutes")).toContain(
      "at least 1 minute",
    );
    expect(messageFor(poolInput.safeParse({ ...pool, idleTimeoutMinutes: 1441 }), "idleTimeoutMinutes")).toContain(
      "at most 1440 minutes",
    );
    expect(messageFor(poolInput.safeParse({ ...pool, idleTimeoutMinutes: 2.5 }), "idleTimeoutMinutes")).toBe(
      "Use whole minutes",
    );
    expect(poolInput.safeParse({ ...pool, idleTimeoutMinutes: 1440 }).success).toBe(true);
  });

  it("needs a name, trimmed", () => {
    expect(messageFor(poolInput.safeParse({ ...pool, name: "   " }), "name")).toBe("Give the pool a name");
    expect(poolInput.parse({ ...pool, name: "  Network  " }).name).toBe("Network");
  });

  it("needs a reason to delete", () => {
    expect(messageFor(deletePoolInput.safeParse({ poolId: "p1", reason: " " }), "reason")).toContain("Say why");
  });
});

describe("entitlement and licenses", () => {
  it("a pool license names its pool", () => {
    expect(setLicenseInput.safeParse({ userId: "u1", license: { kind: "CONCURRENT" } }).success).toBe(false);
    expect(setLicenseInput.safeParse({ userId: "u1", license: { kind: "CONCURRENT", poolId: "p1" } }).success).toBe(
      true,
    );
    expect(setLicenseInput.safeParse({ userId: "u1", license: { kind: "EVERYTHING" } }).success).toBe(false);
  });
});
