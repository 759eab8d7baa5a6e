import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import type { Db } from "@/server/db/client";
import { confirmEnrolment, mfaStatus, resetMfa, startEnrolment, verifySecondFactor, RECOVERY_CODE_COUNT } from "./mfa";
import { openSecret, sealSecret } from "./secret-box";
import { otpauthQrSvg } from "./qr";
import { STEP_SECONDS, totp } from "./totp";
import { findValidSession, createAuthSession } from "@/server/auth/auth-sessions";

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

const NOW = 1_800_000_000; // a fixed clock, on a step boundary plus 10 s
const at = NOW + 10;

async function enrolled() {
  const user = await createUser(db, { role: "ADMIN" });
  const { secret } = await startEnrolment(db, user);
  const { recoveryCodes } = await confirmEnrolment(db, user.id, totp(secret, at), at);
  return { user, secret, recoveryCodes };
}

describe("second factor", () => {
  it("keeps the secret encrypted, and turns on only after a right first code", async () => {
    const user = await createUser(db);
    const { secret, otpauthUri } = await startEnrolment(db, user);
    expect(otpauthUri).toContain(`secret=${secret}`);
    const row = await db.userMfa.findUniqueOrThrow({ where: { userId: user.id } });
    expect(row.secretEncrypted).not.toContain(secret);
    expect(openSecret(row.secretEncrypted)).toBe(secret);
    const sealed = sealSecret(secret);
    // A character inside the ciphertext (the last one of base64url holds unused bits: changing it
    // may change nothing, which made this test fail now and then).
    const inside = sealed.length - 5;
    const tampered = sealed.slice(0, inside) + (sealed[inside] === "A" ? "Q" : "A") + sealed.slice(inside + 1);
    expect(() => openSecret(tampered)).toThrow(); // GCM's tag refuses a changed ciphertext

    await expect(confirmEnrolment(db, user.id, "000000", at)).rejects.toMatchObject({ field: "code" });
    expect((await mfaStatus(db, user.id)).enabled).toBe(false);
    expect(await verifySecondFactor(db, user.id, totp(secret, at), at)).toBeNull(); // not on yet
    const { recoveryCodes } = await confirmEnrolment(db, user.id, totp(secret, at), at);
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    expect(await mfaStatus(db, user.id)).toEqual({ enabled: true, recoveryCodesLeft: RECOVERY_CODE_COUNT });
    const hashes = await db.mfaRecoveryCode.findMany({ where: { userId: user.id } });
    expect(hashes.every((h) => h.codeHash.startsWith("$argon2id$"))).toBe(true);
    // Once on, a new enrolment (which would show a new secret) is refused.
    await expect(startEnrolment(db, user)).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("draws the QR code of the very otpauth URI it shows, with the person's account and the key", async () => {
    const user = await createUser(db);
    const { secret, otpauthUri, qrSvg } = await startEnrolment(db, user);
    expect(otpauthUri).toBe(
      `otpauth://totp/${encodeURIComponent(`seatdesk:${user.email}`)}?secret=${secret}` +
        "&issuer=seatdesk&algorithm=SHA1&digits=6&period=30",
    );
    expect(qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(qrSvg).toBe(await otpauthQrSvg(otpauthUri)); // drawing is deterministic: same URI, same image
    expect(qrSvg).not.toBe(await otpauthQrSvg(otpauthUri.replace(secret, "A".repeat(secret.length))));
  });

  it("accepts a code of the step before and after (phone clock drift), not two steps away", async () => {
    const { user, secret } = await enrolled();
    const later = at + 5 * STEP_SECONDS;
    expect(await verifySecondFactor(db, user.id, totp(secret, later - 2 * STEP_SECONDS), later)).toBeNull();
    expect(await verifySecondFactor(db, user.id, totp(secret, later + 2 * STEP_SECONDS), later)).toBeNull();
    expect(await verifySecondFactor(db, user.id, totp(secret, later - STEP_SECONDS), later)).toBe("otp");
    expect(await verifySecondFactor(db, user.id, totp(secret, later + STEP_SECONDS), later)).toBe("otp");
  });

  it("refuses a code replayed within its window, and the enrolment code itself", async () => {
    const { user, secret } = await enrolled();
    expect(await verifySecondFactor(db, user.id, totp(secret, at), at)).toBeNull(); // used to confirm
    const next = at + STEP_SECONDS;
    expect(await verifySecondFactor(db, user.id, totp(secret, next), next)).toBe("otp");
    expect(await verifySecondFactor(db, user.id, totp(secret, next), next + 5)).toBeNull();
  });

  it("lets only one of two racing sign-ins use the same code", async () => {
    const { user, secret } = await enrolled();
    const next = at + 3 * STEP_SECONDS;
    const code = totp(secret, next);
    const results = await Promise.all(Array.from({ length: 4 }, () => verifySecondFactor(db, user.id, code, next)));
    expect(results.filter((r) => r === "otp")).toHaveLength(1);
  });

  it("uses each recovery code once, whatever its case, spaces or dash", async () => {
    const { user, recoveryCodes } = await enrolled();
    const code = recoveryCodes[3]!;
    expect(await verifySecondFactor(db, user.id, ` ${code.toLowerCase().replace("-", " ")} `, at)).toBe("recovery");
    expect(await verifySecondFactor(db, user.id, code, at)).toBeNull();
    expect(await verifySecondFactor(db, user.id, "AAAAA-AAAAA", at)).toBeNull();
    expect((await mfaStatus(db, user.id)).recoveryCodesLeft).toBe(RECOVERY_CODE_COUNT - 1);
  });

  it("lifts the enrol-first limit of the person's sessions when enrolment completes", async () => {
    const user = await createUser(db, { role: "ADMIN" });
    const sid = await createAuthSession(db, { userId: user.id, maxAgeSeconds: 600, mfaEnrolmentRequired: true });
    expect((await findValidSession(db, sid))!.mfaEnrolmentRequired).toBe(true);
    const { secret } = await startEnrolment(db, user);
    await confirmEnrolment(db, user.id, totp(secret, at), at);
    expect((await findValidSession(db, sid))!.mfaEnrolmentRequired).toBe(false);
  });

  it("is removed by a reset, secret and recovery codes, so the person enrols again", async () => {
    const { user, recoveryCodes } = await enrolled();
    expect(await resetMfa(db, user.id)).toEqual({ hadMfa: true });
    expect(await mfaStatus(db, user.id)).toEqual({ enabled: false, recoveryCodesLeft: 0 });
    expect(await verifySecondFactor(db, user.id, recoveryCodes[0]!, at)).toBeNull();
    await expect(startEnrolment(db, user)).resolves.toBeTruthy();
    expect(await resetMfa(db, (await signIn(db, (await createUser(db)).id)).user.id)).toEqual({ hadMfa: false });
    await expect(resetMfa(db, "no-such-person")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
