import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, KNOWN_PASSWORD, signIn } from "@/test/factories";
import { serveRoutesFrom } from "@/test/http";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import { authOptions } from "./options";
import {
  claimSignInAttempt,
  delayAfterAttempt,
  listSignInLocks,
  lockedMessage,
  THROTTLE,
  throttleKey,
} from "./sign-in-throttle";

/*
 * The sign-in throttle through next-auth's real authorize (options.ts → credentials.ts), on a
 * real PostgreSQL: counted before the password check, growing delays, per address, audited.
 */

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  serveRoutesFrom(db);
});

type Authorize = (credentials: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown>;
const authorize: Authorize = (credentials, req) =>
  (authOptions().providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize(credentials, req);

let addressCounter = 0;
/** A distinct address per test (documentation ranges), so tests do not share address counts. */
const freshAddress = () => `2001:db8::${(++addressCounter).toString(16)}:${randomBytes(2).toString("hex")}`;

async function attempt(email: string, password: string, address: string): Promise<"checked" | "signed-in" | string> {
  try {
    const user = await authorize({ email, password }, { headers: { "x-forwarded-for": address } });
    return user ? "signed-in" : "checked";
  } catch (error) {
    return (error as Error).message;
  }
}

/** Lets the key's current delay pass, by the database clock. */
const letDelayPass = (key: string) =>
  db.$executeRaw`update "SignInThrottle" set "nextAttemptAt" = now() - interval '1 millisecond' where key = ${key}`;

describe("sign-in throttle", () => {
  it(
    "30 wrong guesses at once: no more are checked than the free attempts, the rest are refused " + "unchecked",
    async () => {
      const admin = await createUser(db, { role: "ADMIN" });
      const address = freshAddress();
      const started = Date.now();
      const results = await Promise.all(
        Array.from({ length: 30 }, (_, i) => attempt(admin.email, `wrong-${i}`, address)),
      );
      const checked = results.filter((r) => r === "checked").length;
      // Exactly the free attempts when the burst is over within the first delay (1 s), as on a quiet
      // machine; a heavily loaded one may legitimately let a guess through per delay that passed
      // meanwhile (1 s, then 2 s, 4 s …). The old code checked all 30.
      const seconds = (Date.now() - started) / 1000;
      const delaysPassed = Math.floor(Math.log2(seconds + 1));
      expect(checked).toBeGreaterThanOrEqual(THROTTLE.account.free);
      expect(checked).toBeLessThanOrEqual(THROTTLE.account.free + delaysPassed);
      expect(results.filter((r) => r === "Locked")).toHaveLength(30 - checked);
      // Every guess checked was counted first.
      const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: throttleKey.account(admin.email) } });
      expect(row.attempts).toBe(checked);
    },
  );

  it(
    "slows with growing delays (1 s, 2 s, 4 s … capped), not a hard lock: the owner signs in once a " + "delay passed",
    async () => {
      const user = await createUser(db);
      const key = throttleKey.account(user.email);
      const address = freshAddress();
      for (let i = 0; i < THROTTLE.account.free; i++)
        expect(await attempt(user.email, "wrong", address)).toBe("checked");
      const waits: number[] = [];
      for (let round = 0; round < 3; round++) {
        expect(await attempt(user.email, KNOWN_PASSWORD, address)).toBe("Locked"); // even the right password waits
        const row = await db.signInThrottle.findUniqueOrThrow({ where: { key } });
        waits.push(Math.round((row.nextAttemptAt!.getTime() - row.lastAttemptAt.getTime()) / 1000));
        await letDelayPass(key);
        expect(await attempt(user.email, "wrong", address)).toBe("checked");
      }
      expect(waits).toEqual([1, 2, 4]);
      expect(delayAfterAttempt(THROTTLE.account.free + 40, "account")).toBe(THROTTLE.account.maxDelaySeconds);
      await letDelayPass(key);
      expect(await attempt(user.email, KNOWN_PASSWORD, address)).toBe("signed-in");
      expect(await db.signInThrottle.findUnique({ where: { key } })).toBeNull();
    },
  );

  it("slows one address trying many accounts (spraying), without slowing other addresses", async () => {
    const sprayer = freshAddress();
    for (let i = 0; i < THROTTLE.address.free; i++)
      expect(await attempt(`nobody-${i}-${randomBytes(3).toString("hex")}@test.local`, "Summer2026!", sprayer)).toBe(
        "checked",
      );
    const verdict = await claimSignInAttempt(db, { normalizedEmail: "another@test.local", clientAddress: sprayer });
    expect(verdict).toMatchObject({ allowed: false, scope: "address" });
    // The refused attempt was not counted against that account.
    expect(
      await db.signInThrottle.findUnique({ where: { key: throttleKey.account("another@test.local") } }),
    ).toBeNull();
    const user = await createUser(db);
    expect(await attempt(user.email, KNOWN_PASSWORD, freshAddress())).toBe("signed-in");
    expect(lockedMessage(30, "address")).toBe("Too many failed sign-ins from your network. Try again in 30 seconds.");
    expect(lockedMessage(600, "account")).toBe("Too many failed sign-ins for this email. Try again in 10 minutes.");
  });

  it("restarts the count after an hour without attempts", async () => {
    const user = await createUser(db);
    const key = throttleKey.account(user.email);
    const address = freshAddress();
    for (let i = 0; i < THROTTLE.account.free; i++) await attempt(user.email, "wrong", address);
    await db.$executeRaw`update "SignInThrottle" set "lastAttemptAt" = now() - interval '61 minutes',
      "nextAttemptAt" = null where key = ${key}`;
    expect(await attempt(user.email, "wrong", address)).toBe("checked");
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key } })).attempts).toBe(1);
  });

  it("keeps every lock and unlock in the administrators' audit log; an administrator lifts a lock", async () => {
    const user = await createUser(db);
    const key = throttleKey.account(user.email);
    const address = freshAddress();
    for (let i = 0; i < THROTTLE.account.free + 1; i++) await attempt(user.email, "wrong", address);
    const locked = await db.adminAuditEvent.findMany({
      where: { action: "signIn.locked", input: { path: ["key"], equals: key } },
    });
    expect(locked).toHaveLength(1); // once, when the delays began
    expect(locked[0]).toMatchObject({ actorId: null, input: { scope: "account", attempts: THROTTLE.account.free } });

    const admin = await createUser(db, { role: "ADMIN" });
    const caller = callerFor(db, await signIn(db, admin.id));
    const locks = await caller.adminUsers.signInLocks();
    expect(locks.map((l) => l.key)).toContain(key);
    expect(locks.find((l) => l.key === key)).toMatchObject({ scope: "account", subject: user.email });
    expect(await caller.adminUsers.liftSignInLock({ key })).toEqual({ lifted: true });
    expect(await db.signInThrottle.findUnique({ where: { key } })).toBeNull();
    expect(
      await db.adminAuditEvent.findFirst({ where: { action: "adminUsers.liftSignInLock", actorId: admin.id } }),
    ).toMatchObject({ input: { key } });
    expect((await listSignInLocks(db)).map((l) => l.key)).not.toContain(key);
    expect(await attempt(user.email, KNOWN_PASSWORD, address)).toBe("signed-in");

    // A success that ends a delay is an unlock too.
    for (let i = 0; i < THROTTLE.account.free; i++) await attempt(user.email, "wrong", address);
    await letDelayPass(key);
    expect(await attempt(user.email, KNOWN_PASSWORD, address)).toBe("signed-in");
    expect(
      await db.adminAuditEvent.findFirst({ where: { action: "signIn.unlocked", actorId: user.id } }),
    ).not.toBeNull();
  });

  it("refuses a lift of something that is not a lock key with a readable message", async () => {
    const admin = await createUser(db, { role: "ADMIN" });
    const caller = callerFor(db, await signIn(db, admin.id));
    await expect(caller.adminUsers.liftSignInLock({ key: "DROP TABLE" })).rejects.toThrow(/Choose a lock/);
  });
});
