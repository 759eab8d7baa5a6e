import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, newTotpSecret, otpauthUri, totp, verifyTotp } from "./totp";

/* RFC 6238's and RFC 4226's own test vectors, and the replay and drift rules. */

const RFC_SECRET = Buffer.from("12345678901234567890", "ascii");

describe("TOTP", () => {
  it("gives RFC 4226's HOTP values", () => {
    const expected = [
      "755224",
      "287082",
      "359152",
      "969429",
      "338314",
      "254676",
      "287922",
      "162583",
      "399871",
      "520489",
    ];
    expected.forEach((code, counter) => expect(hotp(RFC_SECRET, counter)).toBe(code));
  });

  it("gives RFC 6238's SHA-1 values (8 digits)", () => {
    const secret = base32Encode(RFC_SECRET);
    const vectors: [number, string][] = [
      [59, "94287082"],
      [1111111109, "07081804"],
      [1111111111, "14050471"],
      [1234567890, "89005924"],
      [2000000000, "69279037"],
      [20000000000, "65353130"],
    ];
    for (const [t, code] of vectors) expect(totp(secret, t, 8)).toBe(code);
  });

  it("accepts the steps either side for drift, refuses others and replays, and round-trips base32", () => {
    const secret = newTotpSecret();
    expect(base32Encode(base32Decode(secret))).toBe(secret);
    const now = 1_800_000_000;
    const code = totp(secret, now);
    const step = verifyTotp(secret, code, now + 30);
    expect(step).toBe(Math.floor(now / 30));
    expect(verifyTotp(secret, code, now + 90)).toBeNull();
    expect(verifyTotp(secret, code, now, step)).toBeNull(); // used once already
    expect(verifyTotp(secret, "12345", now)).toBeNull();
    expect(otpauthUri("ABC", "a@acme.test")).toBe(
      "otpauth://totp/seatdesk%3Aa%40acme.test?secret=ABC&issuer=seatdesk&algorithm=SHA1&digits=6&period=30",
    );
  });
});
