import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";
import { TEXT_MAX } from "@/lib/validation/tickets";

describe("linkify", () => {
  it("links http and https URLs and keeps the text around them as text", () => {
    expect(linkify("See https://wiki.test/vpn and http://x.test/a?b=1#c now")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://wiki.test/vpn", href: "https://wiki.test/vpn" },
      { kind: "text", text: " and " },
      { kind: "link", text: "http://x.test/a?b=1#c", href: "http://x.test/a?b=1#c" },
      { kind: "text", text: " now" },
    ]);
  });

  it("leaves sentence punctuation out of a link but keeps a parenthesis of the URL", () => {
    expect(linkify("Read https://x.test/a.")[1]).toEqual({
      kind: "link",
      text: "https://x.test/a",
      href: "https://x.test/a",
    });
    expect(linkify("(see https://x.test/a)")[1]).toMatchObject({ href: "https://x.test/a" });
    expect(linkify("https://x.test/Foo_(bar), ok")[0]).toMatchObject({ href: "https://x.test/Foo_(bar)" });
  });

  it("never links other schemes, and markup stays text", () => {
    for (const text of [
      "javascript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      '<a href="https://x.test">x</a>',
      "ftp://x.test/file",
    ]) {
      const parts = linkify(text);
      expect(parts.every((p) => p.kind === "text" || p.href.startsWith("http"))).toBe(true);
      expect(parts.map((p) => p.text).join("")).toBe(text);
    }
    expect(linkify("<script>alert(1)</script>")).toEqual([{ kind: "text", text: "<script>alert(1)</script>" }]);
  });

  it("keeps every character of the text, line breaks included", () => {
    const text = "line one\nhttps://x.test/a\n\nline three";
    expect(
      linkify(text)
        .map((p) => p.text)
        .join(""),
    ).toBe(text);
  });
});

describe("linkify on adversarial text (complexity, not a benchmark: the bound is generous)", () => {
  // The longest description there is (TEXT_MAX); the slow one took seconds, a linear one a few ms.
  const cases: [string, string][] = [
    ["a URL followed by closing parentheses", "http://a.test/" + ")".repeat(TEXT_MAX - 14)],
    ["a URL of parentheses pairs then closings", "http://a.test/" + "()".repeat(5000) + ")".repeat(TEXT_MAX - 10_014)],
    ["a URL followed by sentence punctuation", "http://a.test/" + ".,;:!?]})".repeat(2220)],
    ["many short URLs", "http://a.test/) ".repeat(TEXT_MAX / 16)],
    ["many schemes without hosts", "http://".repeat(TEXT_MAX / 7)],
  ];
  for (const [name, text] of cases) {
    it(`stays fast: ${name}`, () => {
      expect(text.length).toBeLessThanOrEqual(TEXT_MAX);
      linkify("http://warm.test/)"); // the first call compiles the code paths
      const started = performance.now();
      const parts = linkify(text);
      const elapsed = performance.now() - started;
      expect(parts.map((p) => p.text).join("")).toBe(text);
      expect(elapsed).toBeLessThan(200);
    });
  }

  it("still trims only the closing parentheses the URL did not open", () => {
    expect(linkify("http://a.test/" + ")".repeat(50))[0]).toMatchObject({ href: "http://a.test/" });
    expect(linkify("http://a.test/(x)))")[0]).toMatchObject({ href: "http://a.test/(x)" });
  });
});
