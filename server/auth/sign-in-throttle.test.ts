import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import type { Db } from "@/server/db/client";
import {
  clearFailedSignIns,
  failureDelayMs,
  lockedMessage,
  recordFailedSignIn,
  secondsLocked,
  THROTTLE,
} from "./sign-in-throttle";

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

let n = 0;
const freshKey = () => `throttle-${++n}-${Date.now()}@test.local`;

async function fail(key: string, times: number): Promise<number> {
  let failures = 0;
  for (let i = 0; i < times; i++) failures = await recordFailedSignIn(db, key);
  return failures;
}

describe("sign-in throttle", () => {
  it("counts failures per email within the window, each email on its own", async () => {
    const a = freshKey();
    const b = freshKey();
    expect(await fail(a, 4)).toBe(4);
    expect(await recordFailedSignIn(db, b)).toBe(1);
    expect(await recordFailedSignIn(db, a)).toBe(5);
    expect(await secondsLocked(db, a)).toBe(0);
  });

  it("adds no delay for the first failures, then a delay that grows from the third on, capped", () => {
    expect(failureDelayMs(1)).toBe(0);
    expect(failureDelayMs(THROTTLE.slowAfter - 1)).toBe(0);
    expect(failureDelayMs(THROTTLE.slowAfter)).toBeGreaterThan(0);
    const delays = [3, 4, 5, 6].map(failureDelayMs);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1]!);
    expect(failureDelayMs(50)).toBe(4000);
  });

  it("locks the email for 15 minutes at the 10th failure, without locking other emails", async () => {
    const key = freshKey();
    const other = freshKey();
    await recordFailedSignIn(db, other);
    expect(await fail(key, THROTTLE.lockAfter - 1)).toBe(9);
    expect(await secondsLocked(db, key)).toBe(0);
    expect(await recordFailedSignIn(db, key)).toBe(THROTTLE.lockAfter);
    const locked = await secondsLocked(db, key);
    expect(locked).toBeGreaterThan(THROTTLE.lockSeconds - 5);
    expect(locked).toBeLessThanOrEqual(THROTTLE.lockSeconds);
    expect(lockedMessage(locked)).toContain("15 minutes");
    expect(await secondsLocked(db, other)).toBe(0);
  });

  it("ends the lock when lockedUntil has passed (by the database clock)", async () => {
    const key = freshKey();
    await fail(key, THROTTLE.lockAfter);
    expect(await secondsLocked(db, key)).toBeGreaterThan(0);
    await db.$executeRaw`update "SignInThrottle" set "lockedUntil" = now() - interval '1 second' where key = ${key}`;
    expect(await secondsLocked(db, key)).toBe(0);
  });

  it("clears the count after a successful sign-in", async () => {
    const key = freshKey();
    await fail(key, 7);
    await clearFailedSignIns(db, key);
    expect(await db.signInThrottle.findUnique({ where: { key } })).toBeNull();
    expect(await recordFailedSignIn(db, key)).toBe(1);
  });

  it("restarts the count when the window is older than 15 minutes", async () => {
    const key = freshKey();
    expect(await fail(key, 8)).toBe(8);
    await db.$executeRaw`update "SignInThrottle" set "firstFailAt" = now() - interval '15 minutes 1 second' where key = ${key}`;
    expect(await recordFailedSignIn(db, key)).toBe(1);
    // The window restarted now, so the next failure counts on from there.
    expect(await recordFailedSignIn(db, key)).toBe(2);
    expect(await secondsLocked(db, key)).toBe(0);
  });

  it("keeps counting inside the window (14 minutes old)", async () => {
    const key = freshKey();
    await fail(key, 8);
    await db.$executeRaw`update "SignInThrottle" set "firstFailAt" = now() - interval '14 minutes' where key = ${key}`;
    expect(await recordFailedSignIn(db, key)).toBe(9);
    expect(await recordFailedSignIn(db, key)).toBe(10);
    expect(await secondsLocked(db, key)).toBeGreaterThan(0);
  });

  it("counts every failure of parallel attempts (atomic upsert)", async () => {
    const key = freshKey();
    await Promise.all(Array.from({ length: 8 }, () => recordFailedSignIn(db, key)));
    const row = await db.signInThrottle.findUnique({ where: { key } });
    expect(row?.failures).toBe(8);
  });
});
