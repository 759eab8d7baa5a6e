import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createUser, KNOWN_PASSWORD } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";
import { authorizeCredentials, type CredentialsContext } from "./credentials";
import { findValidSession } from "./auth-sessions";
import { secondsToWait, throttleKey, THROTTLE } from "./sign-in-throttle";
import { confirmEnrolment, startEnrolment } from "@/server/identity/mfa/mfa";
import { totp, STEP_SECONDS } from "@/server/identity/mfa/totp";
import type { MfaPolicy } from "@/server/identity/mfa/policy";

/* The password sign-in path (next-auth's authorize) with a second factor, against the real throttle. */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

const context = (mfaPolicy: MfaPolicy = "nobody"): CredentialsContext => ({ maxAgeSeconds: 600, mfaPolicy });
const signInWith = (email: string, extra: { code?: string; password?: string } = {}, policy?: MfaPolicy) =>
  authorizeCredentials(db, { email, password: KNOWN_PASSWORD, ...extra }, context(policy));
const thrownCode = (promise: Promise<unknown>) =>
  promise.then(
    () => "none",
    (e: unknown) => (e instanceof Error ? e.message : String(e)),
  );

/** An enrolled person, their secret, and a clock-free code: the step after the enrolment code. */
async function enrolledPerson(role: Role = "ADMIN") {
  const user = await createUser(db, { role });
  const { secret } = await startEnrolment(db, user);
  const { recoveryCodes } = await confirmEnrolment(db, user.id, totp(secret, Date.now() / 1000 - STEP_SECONDS));
  return { user, secret, recoveryCodes, code: () => totp(secret, Date.now() / 1000) };
}

describe("password sign-in with a second factor", () => {
  it("asks for a code after a right password, and signs in with it (amr pwd, otp, mfa)", async () => {
    const { user, code } = await enrolledPerson();
    expect(await thrownCode(signInWith(user.email))).toBe("CodeNeeded");
    // A wrong password is still just wrong: the code is never asked before the password is right.
    expect(await signInWith(user.email, { password: "wrong" })).toBeNull();
    const typed = code();
    const person = await signInWith(user.email, { code: typed });
    expect(person).toMatchObject({ id: user.id, role: "ADMIN" });
    const row = await db.authSession.findUniqueOrThrow({ where: { id: person!.sid } });
    expect(row.amr).toEqual(["pwd", "otp", "mfa"]);
    expect(row.mfaEnrolmentRequired).toBe(false);
    // The same code again (a replay within its window) is refused.
    expect(await thrownCode(signInWith(user.email, { code: typed }))).toBe("CodeIncorrect");
  });

  it("signs in with a recovery code once", async () => {
    const { user, recoveryCodes } = await enrolledPerson("AGENT");
    const person = await signInWith(user.email, { code: recoveryCodes[0]! });
    expect((await db.authSession.findUniqueOrThrow({ where: { id: person!.sid } })).amr).toEqual(["pwd", "rec", "mfa"]);
    expect(await thrownCode(signInWith(user.email, { code: recoveryCodes[0]! }))).toBe("CodeIncorrect");
  });

  it("counts wrong codes in the password throttle, and slows the email like wrong passwords", async () => {
    const { user, code } = await enrolledPerson();
    // The account's free attempts, each a wrong code: the last one earns the first delay.
    for (let i = 0; i < THROTTLE.account.free; i++) {
      expect(await thrownCode(signInWith(user.email, { code: i % 2 ? "12345" + (i % 10) : "AAAAA-AAAAA" }))).toBe(
        "CodeIncorrect",
      );
    }
    expect(await secondsToWait(db, [throttleKey.account(user.email)])).toBeGreaterThan(0);
    // Slowed: even the right password and a right code are refused until the delay ends.
    expect(await thrownCode(signInWith(user.email, { code: code() }))).toBe("Locked");
  }, 60_000);

  it("gives a person the policy requires but who has no second factor a session that may only enrol", async () => {
    const admin = await createUser(db, { role: "ADMIN" });
    const endUser = await createUser(db, { role: "END_USER" });
    const limited = await signInWith(admin.email, {}, "administrators");
    const session = (await findValidSession(db, limited!.sid))!;
    expect(session.mfaEnrolmentRequired).toBe(true);
    const normal = await signInWith(endUser.email, {}, "administrators");
    expect((await findValidSession(db, normal!.sid))!.mfaEnrolmentRequired).toBe(false);
    expect(
      (await findValidSession(db, (await signInWith(endUser.email, {}, "everyone"))!.sid))!.mfaEnrolmentRequired,
    ).toBe(true);
    expect(
      (await findValidSession(db, (await signInWith(endUser.email, {}, "agents"))!.sid))!.mfaEnrolmentRequired,
    ).toBe(false);

    // The limited session reaches enrolment and nothing else, until enrolment is confirmed.
    const caller = callerFor(db, session);
    await expect(caller.me.get()).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "FORBIDDEN");
    await expect(caller.adminUsers.list({})).rejects.toSatisfy((e) => e instanceof TRPCError && e.code === "FORBIDDEN");
    const { secret } = await caller.mfa.startEnrolment();
    await expect(caller.mfa.confirmEnrolment({ code: "12" })).rejects.toSatisfy(
      (e) => e instanceof TRPCError && e.code === "BAD_REQUEST",
    );
    const { recoveryCodes } = await caller.mfa.confirmEnrolment({ code: totp(secret, Date.now() / 1000) });
    expect(recoveryCodes).toHaveLength(10);
    const lifted = (await findValidSession(db, limited!.sid))!;
    expect(lifted.mfaEnrolmentRequired).toBe(false);
    await expect(callerFor(db, lifted).me.get()).resolves.toMatchObject({ id: admin.id });
    // From now on this administrator needs a code to sign in.
    expect(await thrownCode(signInWith(admin.email, {}, "administrators"))).toBe("CodeNeeded");
  });

  it("lets an administrator reset a person's second factor, kept in the audit log", async () => {
    const { user } = await enrolledPerson("AGENT");
    const admin = await createUser(db, { role: "ADMIN" });
    const adminSession = (await findValidSession(db, (await signInWith(admin.email))!.sid))!;
    expect(await callerFor(db, adminSession).adminMfa.reset({ userId: user.id })).toEqual({ hadMfa: true });
    const audit = await db.adminAuditEvent.findFirst({ where: { actorId: admin.id, action: "adminMfa.reset" } });
    expect(audit).not.toBeNull();
    // Password alone again (the policy would now send them to enrolment).
    expect((await signInWith(user.email))!.id).toBe(user.id);
  });
});
