import { describe, expect, it } from "vitest";
import { bigintIdSchema, PG_BIGINT_MAX, reasonableDateSchema } from "./common";

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

describe("reasonableDateSchema", () => {
  const date = reasonableDateSchema();

  it("takes a date the database stores, as a Date or ISO text", () => {
    expect(date.parse("2026-12-06T10:00:00.000Z").toISOString()).toBe("2026-12-06T10:00:00.000Z");
  });

  it("refuses a year PostgreSQL cannot take, with the message (found by test/fuzz.test.ts: it was a 500)", () => {
    const result = date.safeParse(new Date("-271821-04-20T00:00:00.000Z"));
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe("Enter a date between the years 1900 and 9999");
    expect(date.safeParse("not a date").success).toBe(false);
  });
});
