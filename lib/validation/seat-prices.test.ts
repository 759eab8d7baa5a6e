import { describe, expect, it } from "vitest";
import { centsToPrice, priceToCents, seatPricesInput } from "./seat-prices";

describe("seat prices as typed", () => {
  it("reads prices with a dot or a comma, rounded to the cent", () => {
    expect(priceToCents("49.90")).toBe(4990);
    expect(priceToCents(" 49,9 ")).toBe(4990);
    expect(priceToCents("50")).toBe(5000);
    expect(priceToCents("0.105")).toBe(11);
    expect(priceToCents("-5")).toBe(-500);
    expect(centsToPrice(12500)).toBe("125.00");
  });

  it("turns what is not a price into NaN, which the schema answers in words", () => {
    for (const typed of ["", "  ", "abc", "1e3", "12.", "5 EUR"]) expect(priceToCents(typed), typed).toBeNaN();
    const parsed = seatPricesInput.safeParse({
      namedSeatMonthlyCents: priceToCents("abc"),
      concurrentSeatMonthlyCents: priceToCents("-1"),
      currency: "EUR",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual([
      "Enter the price of a named seat as a number",
      "The price of a concurrent seat cannot be negative",
    ]);
  });
});
