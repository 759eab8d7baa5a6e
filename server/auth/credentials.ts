import "server-only";
import type { Db } from "../db/client";
import type { Role } from "../db/generated/enums";
import { signInInput } from "@/lib/validation/auth";
import { normalizeEmail } from "./email";
import { dummyPasswordHash, verifyPassword } from "./password";
import { claimSignInAttempt, recordSuccessfulSignIn, type ThrottleScope } from "./sign-in-throttle";
import { createAuthSession } from "./auth-sessions";
import { clientAddressOf } from "../http/client-address";
import { passwordAllowedFor } from "../identity/sso/config";
import { hasMfaEnabled, verifySecondFactor } from "../identity/mfa/mfa";
import { mfaRequiredFor, type MfaPolicy } from "../identity/mfa/policy";

/*
 * Sign-in with email and password (and a second factor where the person has one): next-auth's
 * credentials provider's authorize (server/auth/options.ts). Every attempt, a code attempt
 * included, is counted (and possibly refused) BEFORE anything is checked
 * (server/auth/sign-in-throttle.ts), so a burst of guesses cannot outrun the count, and a wrong
 * code costs what a wrong password costs. A person the MFA policy covers who has no second factor
 * yet gets a session that may only enrol (AuthSession.mfaEnrolmentRequired).
 */

export type SignedInPerson = { id: string; email: string; name: string; role: Role; sid: string };

export type PasswordSignIn =
  | { status: "signed-in"; user: SignedInPerson }
  | { status: "invalid" }
  | { status: "throttled"; scope: ThrottleScope; retryAfterSeconds: number }
  | { status: "disabled" }
  | { status: "code-needed" }
  | { status: "code-incorrect" };

type RequestHeaders = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export async function signInWithPassword(
  db: Db,
  credentials: unknown,
  request: { headers?: RequestHeaders },
  sessionMaxAgeSeconds: number,
  mfaPolicy: MfaPolicy = "nobody",
): Promise<PasswordSignIn> {
  const parsed = signInInput.safeParse(credentials ?? {});
  if (!parsed.success) return { status: "invalid" };
  const headers = request.headers ?? {};
  const email = normalizeEmail(parsed.data.email);
  const clientAddress = clientAddressOf(headers);
  const verdict = await claimSignInAttempt(db, { normalizedEmail: email, clientAddress });
  if (!verdict.allowed)
    return { status: "throttled", scope: verdict.scope, retryAfterSeconds: verdict.retryAfterSeconds };
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, role: true, active: true, passwordHash: true },
  });
  // An unknown email costs the same as a known one (no way to tell them apart by time).
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), parsed.data.password);
  if (!user || !ok) return { status: "invalid" };
  if (!user.active) return { status: "disabled" };

  const amr = ["pwd"];
  let mfaEnrolmentRequired = false;
  if (await hasMfaEnabled(db, user.id)) {
    const code = parsed.data.code ?? "";
    // The password was right but is not enough: nothing is cleared until the code is.
    if (!code) return { status: "code-needed" };
    const factor = await verifySecondFactor(db, user.id, code);
    if (!factor) return { status: "code-incorrect" };
    amr.push(factor === "otp" ? "otp" : "rec", "mfa");
  } else {
    mfaEnrolmentRequired = mfaRequiredFor(mfaPolicy, user.role);
  }
  await recordSuccessfulSignIn(db, { normalizedEmail: email, clientAddress, userId: user.id });
  const sid = await createAuthSession(db, {
    userId: user.id,
    maxAgeSeconds: sessionMaxAgeSeconds,
    userAgent: first(headers["user-agent"]),
    ipAddress: clientAddress,
    amr,
    mfaEnrolmentRequired,
  });
  return { status: "signed-in", user: { id: user.id, email: user.email, name: user.name, role: user.role, sid } };
}

export type CredentialsContext = {
  maxAgeSeconds: number;
  mfaPolicy: MfaPolicy;
  headers?: RequestHeaders;
};

/**
 * next-auth's authorize: null for a wrong email or password; a thrown code for the rest, which
 * next-auth passes to the sign-in page as ?error=… (SIGN_IN_ERRORS in options.ts).
 */
export async function authorizeCredentials(
  db: Db,
  credentials: unknown,
  context: CredentialsContext,
): Promise<SignedInPerson | null> {
  // Local passwords may be off for everyone but the break-glass administrators (single sign-on).
  const typed = (credentials ?? {}) as { email?: unknown };
  if (typeof typed.email === "string" && !passwordAllowedFor(normalizeEmail(typed.email)))
    throw new Error("LocalPasswordsOff");
  const result = await signInWithPassword(
    db,
    credentials,
    { headers: context.headers },
    context.maxAgeSeconds,
    context.mfaPolicy,
  );
  switch (result.status) {
    case "signed-in":
      return result.user;
    case "invalid":
      return null;
    case "throttled":
      throw new Error("Locked");
    case "disabled":
      throw new Error("AccountDisabled");
    case "code-needed":
      throw new Error("CodeNeeded");
    case "code-incorrect":
      throw new Error("CodeIncorrect");
  }
}
