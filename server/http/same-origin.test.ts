import { describe, expect, it } from "vitest";
import { crossSiteRefusal, isCrossSiteWrite, isSameOriginRequest } from "./same-origin";

const request = (method: string, headers: Record<string, string>) =>
  new Request("http://desk.example/api/trpc/seat.release", { method, headers: { host: "desk.example", ...headers } });

describe("isCrossSiteWrite", () => {
  it("refuses a write whose Origin is another site", () => {
    expect(isCrossSiteWrite(request("POST", { origin: "http://evil.example" }))).toBe(true);
  });

  it("refuses a write with a malformed Origin", () => {
    expect(isCrossSiteWrite(request("POST", { origin: "not a url" }))).toBe(true);
  });

  it("accepts a write from the app's own origin, also behind a proxy that sets x-forwarded-host", () => {
    expect(isCrossSiteWrite(request("POST", { origin: "http://desk.example" }))).toBe(false);
    expect(
      isCrossSiteWrite(
        request("POST", {
          origin: "https://desk.example.org",
          host: "internal:3000",
          "x-forwarded-host": "desk.example.org",
        }),
      ),
    ).toBe(false);
  });

  it("without Origin, follows the Fetch metadata", () => {
    expect(isCrossSiteWrite(request("POST", { "sec-fetch-site": "cross-site" }))).toBe(true);
    expect(isCrossSiteWrite(request("POST", { "sec-fetch-site": "same-origin" }))).toBe(false);
    expect(isCrossSiteWrite(request("POST", {}))).toBe(false);
  });

  it("never refuses reads", () => {
    expect(isCrossSiteWrite(request("GET", { origin: "http://evil.example" }))).toBe(false);
  });

  it("answers 403 with a readable message", async () => {
    const res = crossSiteRefusal();
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/^Cross-site request refused/);
  });
});

describe("isSameOriginRequest (may a request take a seat?)", () => {
  it("is false for a cross-site top-level navigation, which carries the session cookie", () => {
    expect(isSameOriginRequest(request("GET", { "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" }))).toBe(
      false,
    );
    expect(isSameOriginRequest(request("GET", { "sec-fetch-site": "same-site" }))).toBe(false);
    expect(isSameOriginRequest(request("GET", { "sec-fetch-site": "none" }))).toBe(false);
  });

  it("is false for a GET without Origin or Fetch metadata (an older browser's navigation)", () => {
    expect(isSameOriginRequest(request("GET", {}))).toBe(false);
  });

  it("is false when the Origin is another site, whatever the method", () => {
    expect(isSameOriginRequest(request("GET", { origin: "http://evil.example" }))).toBe(false);
    expect(isSameOriginRequest(request("POST", { origin: "http://evil.example" }))).toBe(false);
  });

  it("is true for the app's own fetches and for writes without metadata (no victim's cookies)", () => {
    expect(isSameOriginRequest(request("GET", { "sec-fetch-site": "same-origin" }))).toBe(true);
    expect(isSameOriginRequest(request("GET", { origin: "http://desk.example" }))).toBe(true);
    expect(isSameOriginRequest(request("POST", { origin: "http://desk.example" }))).toBe(true);
    expect(isSameOriginRequest(request("POST", {}))).toBe(true);
  });
});
