import "server-only";
import type { Db } from "../db/client";
import { signInInput } from "@/lib/validation/auth";
import { normalizeEmail } from "./email";
import { dummyPasswordHash, verifyPassword } from "./password";
import { clearFailedSignIns, failureDelayMs, recordFailedSignIn, secondsLocked } from "./sign-in-throttle";
import { createAuthSession } from "./auth-sessions";
import { passwordAllowedFor } from "../identity/sso/config";
import { hasMfaEnabled, verifySecondFactor } from "../identity/mfa/mfa";
import { mfaRequiredFor, type MfaPolicy } from "../identity/mfa/policy";
import type { Role } from "../db/generated/enums";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export type CredentialsContext = {
  maxAgeSeconds: number;
  mfaPolicy: MfaPolicy;
  userAgent?: string | null;
  ipAddress?: string | null;
};
export type SignedInPerson = { id: string; email: string; name: string; role: Role; sid: string };

/**
 * The password sign-in (next-auth's credentials authorize, server/auth/options.ts): null for a
 * wrong email or password; a thrown code (shown by the sign-in page) for the rest. A person with a
 * second factor gets "CodeNeeded" until they send one; a wrong code counts as a failed sign-in in
 * the same throttle as a wrong password. A person the policy requires to use one but who has none
 * yet gets a session that may only enrol (AuthSession.mfaEnrolmentRequired).
 */
export async function authorizeCredentials(
  db: Db,
  credentials: unknown,
  context: CredentialsContext,
): Promise<SignedInPerson | null> {
  const parsed = signInInput.safeParse(credentials ?? {});
  if (!parsed.success) return null;
  const email = normalizeEmail(parsed.data.email);
  if (!passwordAllowedFor(email)) throw new Error("LocalPasswordsOff");
  if ((await secondsLocked(db, email)) > 0) throw new Error("Locked");
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
  const fail = async () => {
    const failures = await recordFailedSignIn(db, email);
    await sleep(failureDelayMs(failures));
  };
  if (!user || !ok) {
    await fail();
    return null;
  }
  if (!user.active) throw new Error("AccountDisabled");

  const amr = ["pwd"];
  let mfaEnrolmentRequired = false;
  if (await hasMfaEnabled(db, user.id)) {
    const code = parsed.data.code ?? "";
    if (!code) throw new Error("CodeNeeded");
    const factor = await verifySecondFactor(db, user.id, code);
    if (!factor) {
      await fail();
      throw new Error("CodeIncorrect");
    }
    amr.push(factor === "otp" ? "otp" : "rec", "mfa");
  } else {
    mfaEnrolmentRequired = mfaRequiredFor(context.mfaPolicy, user.role);
  }
  await clearFailedSignIns(db, email);
  const sid = await createAuthSession(db, {
    userId: user.id,
    maxAgeSeconds: context.maxAgeSeconds,
    userAgent: context.userAgent,
    ipAddress: context.ipAddress,
    amr,
    mfaEnrolmentRequired,
  });
  return { id: user.id, email: user.email, name: user.name, role: user.role, sid };
}
