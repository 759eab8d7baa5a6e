import { describe, expect, it } from "vitest";
import { bigintIdSchema, PG_BIGINT_MAX } from "./common";

describe("bigintIdSchema", () => {
  const id = bigintIdSchema("That page cursor is not valid");

  it("takes the digits of any bigint id up to the column's largest value", () => {
    expect(id.parse("1")).toBe("1");
    expect(id.parse(PG_BIGINT_MAX.toString())).toBe("9223372036854775807");
  });

  it("refuses one past the largest value, with the message, once (found by test/fuzz.test.ts: it was a 500)", () => {
    const result = id.safeParse("9223372036854775808");
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual(["That page cursor is not valid"]);
  });

  it("refuses what is not digits, with the message once", () => {
    for (const bad of ["", "-1", "1e3", "12345678901234567890", "abc"]) {
      const result = id.safeParse(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual(["That page cursor is not valid"]);
    }
  });
});
