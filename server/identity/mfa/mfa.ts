import "server-only";
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/client";
import { inTransaction, type DbOrTx } from "../../db/transaction";
import { AppError } from "../../errors";
import { hashPassword, verifyPassword } from "../../auth/password";
import { base32Encode, newTotpSecret, otpauthUri, verifyTotp } from "./totp";
import { openSecret, sealSecret } from "./secret-box";
import { otpauthQrSvg } from "./qr";

/*
 * A person's second factor: enrolment (a new secret, confirmed by a first code before it counts),
 * checking a code at sign-in (TOTP never twice in its window; recovery codes once each), and an
 * administrator's reset. The sign-in throttle is the caller's (server/auth/credentials.ts).
 */

export const RECOVERY_CODE_COUNT = 10;

export type MfaStatus = { enabled: boolean; recoveryCodesLeft: number };

export async function mfaStatus(db: DbOrTx, userId: string): Promise<MfaStatus> {
  const [mfa, recoveryCodesLeft] = await Promise.all([
    db.userMfa.findUnique({ where: { userId }, select: { enabledAt: true } }),
    db.mfaRecoveryCode.count({ where: { userId, usedAt: null } }),
  ]);
  return { enabled: Boolean(mfa?.enabledAt), recoveryCodesLeft };
}

/** Starts (or restarts) enrolment with a new secret: the only time the secret (key, link, QR code) is shown. */
export async function startEnrolment(db: Db, user: { id: string; email: string }) {
  const existing = await db.userMfa.findUnique({ where: { userId: user.id }, select: { enabledAt: true } });
  if (existing?.enabledAt) {
    throw new AppError(
      "CONFLICT",
      "Two-step sign-in is already on. An administrator can reset it if you lost your device.",
    );
  }
  const secret = newTotpSecret();
  const sealed = sealSecret(secret);
  await db.userMfa.upsert({
    where: { userId: user.id },
    create: { userId: user.id, secretEncrypted: sealed },
    update: { secretEncrypted: sealed, lastUsedStep: null },
  });
  const uri = otpauthUri(secret, user.email);
  // The same URI as text and as a QR code: apps that scan and apps that take a link get one key.
  return { secret, otpauthUri: uri, qrSvg: await otpauthQrSvg(uri) };
}

/** A recovery code: 10 base32 characters (50 random bits), shown as XXXXX-XXXXX. */
function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(7)).slice(0, 10);
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}
const normalizeRecoveryCode = (code: string) => code.toUpperCase().replace(/[\s-]/g, "");

/**
 * Turns the second factor on once the person typed a right code from their app; returns the
 * recovery codes (shown once, stored hashed). Also lifts the "enrol first" limit of their sessions.
 */
export async function confirmEnrolment(db: Db, userId: string, code: string, nowSeconds = Date.now() / 1000) {
  const pending = await db.userMfa.findUnique({ where: { userId } });
  if (!pending || pending.enabledAt) {
    throw new AppError("CONFLICT", "There is no set-up in progress: start again.");
  }
  const step = verifyTotp(openSecret(pending.secretEncrypted), code, nowSeconds);
  if (step === null) {
    throw new AppError(
      "BAD_REQUEST",
      "That code is not right. Check the key in your app and your phone's clock, then type the current code.",
      undefined,
      "code",
    );
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => hashPassword(normalizeRecoveryCode(c))));
  await inTransaction(db, async (tx) => {
    await tx.userMfa.update({ where: { userId }, data: { enabledAt: new Date(), lastUsedStep: step } });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
    await tx.mfaRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId, codeHash })) });
    await tx.authSession.updateMany({
      where: { userId, endedAt: null, mfaEnrolmentRequired: true },
      data: { mfaEnrolmentRequired: false },
    });
  });
  return { recoveryCodes: codes };
}

/**
 * Checks a second factor at sign-in: "otp" for a TOTP code not used before, "recovery" for an
 * unused recovery code (now used), null otherwise. Both marks are conditional updates, so two
 * requests racing with the same code cannot both win.
 */
export async function verifySecondFactor(
  db: Db,
  userId: string,
  code: string,
  nowSeconds = Date.now() / 1000,
): Promise<"otp" | "recovery" | null> {
  const mfa = await db.userMfa.findUnique({ where: { userId } });
  if (!mfa?.enabledAt) return null;
  const typed = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(typed)) {
    const step = verifyTotp(openSecret(mfa.secretEncrypted), typed, nowSeconds, mfa.lastUsedStep);
    if (step === null) return null;
    const { count } = await db.userMfa.updateMany({
      where: { userId, OR: [{ lastUsedStep: null }, { lastUsedStep: { lt: step } }] },
      data: { lastUsedStep: step },
    });
    return count === 1 ? "otp" : null;
  }
  const normalized = normalizeRecoveryCode(typed);
  if (!/^[A-Z2-7]{10}$/.test(normalized)) return null;
  const unused = await db.mfaRecoveryCode.findMany({
    where: { userId, usedAt: null },
    select: { id: true, codeHash: true },
    take: RECOVERY_CODE_COUNT,
  });
  for (const candidate of unused) {
    if (!(await verifyPassword(candidate.codeHash, normalized))) continue;
    const { count } = await db.mfaRecoveryCode.updateMany({
      where: { id: candidate.id, usedAt: null },
      data: { usedAt: new Date() },
    });
    return count === 1 ? "recovery" : null;
  }
  return null;
}

export async function hasMfaEnabled(db: DbOrTx, userId: string): Promise<boolean> {
  const mfa = await db.userMfa.findUnique({ where: { userId }, select: { enabledAt: true } });
  return Boolean(mfa?.enabledAt);
}

/** An administrator's reset: the person's secret and recovery codes are gone; they enrol again. */
export async function resetMfa(db: Db, userId: string): Promise<{ hadMfa: boolean }> {
  const person = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!person) throw new AppError("NOT_FOUND", "That person no longer exists.", undefined, "userId");
  return inTransaction(db, async (tx) => {
    const { count } = await tx.userMfa.deleteMany({ where: { userId } });
    await tx.mfaRecoveryCode.deleteMany({ where: { userId } });
    return { hadMfa: count > 0 };
  });
}
