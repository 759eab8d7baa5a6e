import { describe, expect, it } from "vitest";
import { optimizerInput, usageReportInput, whatIfInput } from "./insight";

const messagesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join(".")}: ${i.message}`);

describe("insight period validation", () => {
  it("gives a field message, not a TypeError, when the start is empty", () => {
    const result = usageReportInput.safeParse({ from: "", to: "2026-02-01", scope: "all" });
    expect(result.success).toBe(false);
    expect(messagesOf(result)).toEqual(["from: Enter the start of the period"]);
  });

  it("gives a field message when the end is not a date, for every input that checks the period", () => {
    const serviceLevel = { kind: "maxRefusalRate", percent: 1 } as const;
    for (const schema of [optimizerInput, whatIfInput]) {
      const result = schema.safeParse({
        from: "2026-01-01",
        to: "not a date",
        serviceLevel,
        namedUserIds: [],
        concurrentSeats: [],
      });
      expect(result.success).toBe(false);
      expect(messagesOf(result)).toEqual(["to: Enter a valid end date"]);
    }
  });

  it("still checks the period once both dates are valid", () => {
    const empty = usageReportInput.safeParse({ from: "2026-02-01", to: "2026-02-01", scope: "all" });
    expect(messagesOf(empty)).toEqual(["to: The period is empty: the end must be after the start"]);
    const ok = usageReportInput.safeParse({ from: "2026-01-01", to: "2026-02-01", scope: "all" });
    expect(ok.success).toBe(true);
  });
});
