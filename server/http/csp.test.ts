import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { newNonce, pageCsp } from "./csp";
import { proxy } from "@/proxy";

const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";

describe("Content Security Policy", () => {
  it("allows scripts only by nonce (no 'unsafe-inline'), and no eval outside development", () => {
    const csp = pageCsp("abc123");
    expect(directive(csp, "script-src")).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(directive(csp, "object-src")).toBe("object-src 'none'");
    expect(directive(csp, "frame-ancestors")).toBe("frame-ancestors 'none'");
    expect(pageCsp("n", { development: true })).toContain("'unsafe-eval'");
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const n of nonces) expect(Buffer.from(n, "base64")).toHaveLength(16);
  });

  it("the proxy gives each page request its own nonce, on the response and to Next (request header)", () => {
    const answer = () => proxy(new NextRequest("http://desk.test/sign-in"));
    const a = answer().headers.get("content-security-policy") ?? "";
    const b = answer().headers.get("content-security-policy") ?? "";
    expect(directive(a, "script-src")).toMatch(/'nonce-[^']+'/);
    expect(a).not.toBe(b);
    // NextResponse.next({ request: { headers } }) passes the request's headers on this way.
    const forwarded = answer().headers.get("x-middleware-request-content-security-policy");
    expect(forwarded).toMatch(/'nonce-[^']+'/);
  });

  it("API answers get no page policy from the proxy (next.config.js gives them one that allows nothing)", () => {
    const res = proxy(new NextRequest("http://desk.test/api/attachments/x"));
    expect(res.headers.get("content-security-policy")).toBeNull();
  });
});
