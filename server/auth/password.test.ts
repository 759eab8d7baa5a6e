import { describe, expect, it } from "vitest";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("hashes with argon2id, salted (two hashes of one password differ)", async () => {
    const a = await hashPassword("correct horse battery staple");
    const b = await hashPassword("correct horse battery staple");
    expect(a.startsWith("$argon2id$")).toBe(true);
    // OWASP's minimum parameters (server/auth/password.ts): 19 MiB, 2 passes, 1 lane.
    expect(a).toContain("m=19456,t=2,p=1");
    expect(a).not.toBe(b);
    expect(a).not.toContain("correct horse");
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("s3cret-Passw0rd");
    expect(await verifyPassword(hash, "s3cret-Passw0rd")).toBe(true);
    expect(await verifyPassword(hash, "s3cret-passw0rd")).toBe(false);
    expect(await verifyPassword(hash, "")).toBe(false);
  });

  it("treats a malformed or empty hash as no match instead of throwing", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyPassword("", "anything")).toBe(false);
    expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$broken", "anything")).toBe(false);
  });

  it("has a dummy hash for unknown emails that is a real argon2id hash matching nothing guessable", async () => {
    const dummy = await dummyPasswordHash();
    expect(dummy.startsWith("$argon2id$")).toBe(true);
    expect(await dummyPasswordHash()).toBe(dummy);
    expect(await verifyPassword(dummy, "password")).toBe(false);
  });
});
