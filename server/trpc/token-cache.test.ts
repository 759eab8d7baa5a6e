import { describe, expect, it, vi } from "vitest";
import { encode } from "next-auth/jwt";
import { cachedDecode } from "./token-cache";

/** The decoded-token cache accepts exactly what next-auth's decode accepts, and no longer. */
const secret = "token-cache-test-secret-long-enough";

describe("cachedDecode", () => {
  it("decodes a valid token, and the same again from the cache", async () => {
    const token = await encode({ token: { sub: "u1", sid: "s1" }, secret, maxAge: 60 });
    expect(await cachedDecode({ token, secret })).toMatchObject({ sub: "u1", sid: "s1" });
    expect(await cachedDecode({ token, secret })).toMatchObject({ sub: "u1", sid: "s1" });
  });

  it("refuses a token encrypted with another secret, or altered", async () => {
    const token = await encode({
      token: { sub: "u2", sid: "s2" },
      secret: "another-secret-that-is-long-enough",
      maxAge: 60,
    });
    await expect(cachedDecode({ token, secret })).rejects.toThrow();
    const good = await encode({ token: { sub: "u3", sid: "s3" }, secret, maxAge: 60 });
    await cachedDecode({ token: good, secret });
    const altered = good.slice(0, -2) + (good.endsWith("AA") ? "BB" : "AA");
    await expect(cachedDecode({ token: altered, secret })).rejects.toThrow();
  });

  it("stops accepting a cached token once it expired", async () => {
    // Expired 20 s ago: beyond next-auth's 15 s tolerance, both fresh and after caching.
    const token = await encode({ token: { sub: "u4", sid: "s4" }, secret, maxAge: -20 });
    await expect(cachedDecode({ token, secret })).rejects.toThrow();
    const soon = await encode({ token: { sub: "u5", sid: "s5" }, secret, maxAge: 1 });
    expect(await cachedDecode({ token: soon, secret })).toMatchObject({ sub: "u5" });
    // 17 s later (1 s of life + 15 s of tolerance have passed), by the clock both the cache and
    // the decryption read.
    vi.useFakeTimers({ toFake: ["Date"] });
    try {
      vi.setSystemTime(Date.now() + 17_000);
      await expect(cachedDecode({ token: soon, secret })).rejects.toThrow();
    } finally {
      vi.useRealTimers();
    }
  });
});
