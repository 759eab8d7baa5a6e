import { describe, expect, it } from "vitest";
import { decodePathSegment } from "./path-segment";

describe("decodePathSegment (a page address's ticket number)", () => {
  it("answers null, not an exception, for a malformed percent-escape or unstorable text", () => {
    for (const bad of ["%E0%A4%A", "%", "%zz", "INC-%00", "%ED%A0%80", "x".repeat(300)])
      expect(decodePathSegment(bad), bad).toBeNull();
  });

  it("decodes what can be decoded", () => {
    expect(decodePathSegment("INC-000123")).toBe("INC-000123");
    expect(decodePathSegment("INC%2D000123")).toBe("INC-000123");
  });
});
