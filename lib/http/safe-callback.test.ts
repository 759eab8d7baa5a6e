import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./safe-callback";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath (sign-in's callbackUrl)", () => {
  it("refuses every value that leaves the app's origin, as the browser would resolve it", () => {
    for (const hostile of [
      "/\\evil.example",
      "/\\/evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "//evil.example",
      "///evil.example",
      "https://evil.example/",
      "http:/evil.example",
      "javascript:alert(1)",
      " /portal",
      "\\\\evil.example",
      "",
    ]) {
      expect(safeCallbackPath(hostile, ORIGIN), JSON.stringify(hostile)).toBeNull();
    }
  });

  it("keeps the app's own paths, with their query and fragment", () => {
    expect(safeCallbackPath("/console/tickets/INC-000123?tab=notes#top", ORIGIN)).toBe(
      "/console/tickets/INC-000123?tab=notes#top",
    );
    expect(safeCallbackPath("/portal", ORIGIN)).toBe("/portal");
    expect(safeCallbackPath("/console?view=breaching")).toBe("/console?view=breaching");
    expect(safeCallbackPath(["/admin", "//evil.example"], ORIGIN)).toBe("/admin");
  });

  it("refuses what is not a string, and absurdly long values", () => {
    expect(safeCallbackPath(undefined)).toBeNull();
    expect(safeCallbackPath(42)).toBeNull();
    expect(safeCallbackPath("/" + "a".repeat(5000))).toBeNull();
  });
});
