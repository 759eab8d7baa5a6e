import { test, expect, type People, type Person } from "./support/people";
import { signOutViaMenu } from "./support/auth";
import { trpcMutation } from "./support/trpc";
import {
  databaseClockPassed,
  DEFAULT_IDLE_TIMEOUT_SECONDS,
  liveLeasesOfPool,
  namesOf,
  openLeaseOf,
  POOL,
  POOL_SIZE,
  resetSeats,
  setPoolIdleTimeout,
} from "./support/seats";

/*
 * The seat licensing journey of the console (../shared/licensing.md): named seats, a full
 * concurrent pool, the read-only console with its holders, the waiting line and its reservation,
 * the idle warning, the "release a seat" nudge, and the portal that never needs a seat.
 * The runner shortens the seat clocks (heartbeat 2 s, sweep 1 s, idle warning 20 s).
 * Each test starts with no seat held and nobody in line, and uses its own specialists.
 */

test.beforeEach(async () => {
  await resetSeats();
});

const seatOfPool = (n: number) => `${POOL} · seat ${n} of ${POOL_SIZE}`;

/** Opens the console for each, one after the other, and checks each got the next seat. */
async function fillPool(people: People, emails: string[]): Promise<Person[]> {
  const holders: Person[] = [];
  for (const [i, email] of emails.entries()) {
    const holder = await people.openConsole(email);
    await expect(holder.page.getByTestId("seat-indicator")).toHaveText(seatOfPool(i + 1));
    holders.push(holder);
  }
  return holders;
}

test("a desk agent works on their named seat, with no read-only notice", async ({ people }) => {
  const { page } = await people.openConsole("desk02@acme.test");
  await expect(page.getByTestId("seat-indicator")).toHaveText("Named seat");
  await expect(page.getByRole("heading", { level: 1, name: "Queues" })).toBeVisible();
  await expect(page.getByTestId("read-only-notice")).toHaveCount(0);
});

test("a full pool: the fifth specialist reads, waits in line and takes the seat freed by a sign-out", async ({
  people,
}) => {
  test.setTimeout(120_000);
  const holderEmails = ["spec01@acme.test", "spec02@acme.test", "spec03@acme.test", "spec04@acme.test"];
  const holders = await fillPool(people, holderEmails);

  const waiter = await people.openConsole("spec05@acme.test");
  const { page } = waiter;
  const notice = page.getByTestId("read-only-notice");
  await expect(page.getByTestId("seat-indicator")).toHaveText("Read-only");
  await expect(notice).toContainText(`Read-only: all seats of ${POOL} are in use`);
  await expect(notice).toContainText(`4 of 4 seats of the pool ${POOL} are in use`);
  const table = notice.getByRole("table", { name: "Who holds the seats" });
  for (const name of await namesOf(holderEmails))
    await expect(table.getByRole("row").filter({ hasText: name })).toHaveCount(1);
  await expect(table.getByRole("row")).toHaveCount(POOL_SIZE + 1);
  await page.screenshot({ path: "/tmp/seatdesk-read-only-holders.png", fullPage: true });

  // Proves later that the seat arrives without a reload.
  await page.evaluate(() => ((window as unknown as { seatdeskMarker: number }).seatdeskMarker = 1));
  await page.getByRole("button", { name: "Wait in line" }).click();
  await expect(page.getByTestId("queue-position")).toHaveText("You are number 1 in line.");
  await expect(page.getByTestId("seat-indicator")).toHaveText("Read-only · #1 in line");

  await signOutViaMenu(holders[0]!.page);
  const reservation = page.getByTestId("reservation-notice");
  await expect(reservation).toContainText("A seat is reserved for you");
  await page.screenshot({ path: "/tmp/seatdesk-reserved.png", fullPage: true });
  await reservation.getByRole("button", { name: "Take the seat" }).click();
  await expect(page.getByTestId("seat-indicator")).toHaveText(seatOfPool(4));
  await expect(reservation).toHaveCount(0);
  await expect(notice).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { seatdeskMarker?: number }).seatdeskMarker)).toBe(1);
  expect(await liveLeasesOfPool()).toBe(POOL_SIZE);
});

test.describe("the idle warning", () => {
  test.afterEach(async () => {
    await setPoolIdleTimeout(DEFAULT_IDLE_TIMEOUT_SECONDS);
  });

  test("a specialist who does not touch the console is asked if still working, and keeps the seat by staying", async ({
    people,
  }) => {
    test.setTimeout(120_000);
    await setPoolIdleTimeout(30);
    const email = "spec07@acme.test";
    // Opening the page is not activity: from here on nothing touches it until "Stay".
    const { page } = await people.openConsole(email);
    await expect(page.getByTestId("seat-indicator")).toHaveText(seatOfPool(1));
    const lease = await openLeaseOf(email);
    expect(lease).not.toBeNull();

    const warning = page.getByTestId("idle-warning");
    await expect(warning).toBeVisible({ timeout: 25_000 });
    await expect(warning.getByRole("heading", { name: "Still working?" })).toBeVisible();
    await expect(warning).toContainText(/released for inactivity in 0:[0-2]\d/);
    await page.screenshot({ path: "/tmp/seatdesk-idle-warning.png" });
    // The countdown counts.
    const shown = await warning.locator("strong").innerText();
    await expect(warning.locator("strong")).not.toHaveText(shown);

    await warning.getByRole("button", { name: "Stay" }).click();
    await expect(warning).toBeHidden();

    // Past the moment the untouched lease would have been released, the seat is still held.
    await expect
      .poll(() => databaseClockPassed(new Date(lease!.idleReleaseAt.getTime() + 2000)), {
        timeout: 40_000,
        intervals: [1000],
      })
      .toBe(true);
    expect((await openLeaseOf(email))?.id).toBe(lease!.id);
    await expect(page.getByTestId("seat-indicator")).toHaveText(seatOfPool(1));
    await expect(page.getByTestId("read-only-notice")).toHaveCount(0);
  });
});

test.describe("when the seat ends under the agent", () => {
  test.afterEach(async () => {
    await setPoolIdleTimeout(DEFAULT_IDLE_TIMEOUT_SECONDS);
  });

  test("an untouched console loses its seat at the idle timeout, turns read-only and says why", async ({ people }) => {
    test.setTimeout(120_000);
    await setPoolIdleTimeout(30);
    const email = "spec16@acme.test";
    const { page } = await people.openConsole(email);
    await expect(page.getByTestId("seat-indicator")).toHaveText(seatOfPool(1));
    await expect(page.getByTestId("idle-warning")).toBeVisible({ timeout: 25_000 });

    // Nobody answers the warning: the seat is released and the console says so.
    await expect(page.getByTestId("seat-indicator")).toHaveText("Read-only", { timeout: 30_000 });
    await expect(page.getByTestId("idle-warning")).toBeHidden();
    const notice = page.getByTestId("read-only-notice");
    await expect(notice).toContainText("Read-only: your seat was released");
    await expect(notice).toContainText("There was no activity for the pool's idle timeout.");
    await expect(page.getByText("Your seat was released", { exact: true })).toBeVisible();
    expect(await openLeaseOf(email)).toBeNull();

    // A seat is free, so the agent can take one back at once.
    await notice.getByRole("button", { name: "Take a seat" }).click();
    await expect(page.getByTestId("seat-indicator")).toHaveText(seatOfPool(1));
    await expect(notice).toHaveCount(0);
  });

  test("an administrator ends the seat: the agent reads the reason, and taking a seat acknowledges it", async ({
    people,
  }) => {
    const email = "spec17@acme.test";
    const { page } = await people.openConsole(email);
    await expect(page.getByTestId("seat-indicator")).toHaveText(seatOfPool(1));
    const lease = await openLeaseOf(email);

    const admin = await people.open("admin@acme.test", "/admin");
    const ended = await trpcMutation(admin.context.request, "adminSeats.endLease", {
      leaseId: lease!.id,
      note: "Needed for the night shift",
    });
    expect(ended.status()).toBe(200);

    const notice = page.getByTestId("read-only-notice");
    await expect(notice).toContainText("Read-only: your seat was released");
    await expect(notice).toContainText("An administrator ended your seat. Reason: Needed for the night shift");
    await expect(page.getByTestId("seat-indicator")).toHaveText("Read-only");

    await notice.getByRole("button", { name: "Take a seat" }).click();
    await expect(page.getByTestId("seat-indicator")).toHaveText(seatOfPool(1));
    expect((await openLeaseOf(email))?.id).not.toBe(lease!.id);
  });
});

test("a refused specialist asks the holders to release a seat, and the holders are told", async ({ people }) => {
  test.setTimeout(120_000);
  const holders = await fillPool(people, [
    "spec08@acme.test",
    "spec09@acme.test",
    "spec10@acme.test",
    "spec11@acme.test",
  ]);
  const { page } = await people.openConsole("spec06@acme.test");
  await expect(page.getByTestId("read-only-notice")).toBeVisible();
  await page.getByRole("button", { name: "Ask holders to release a seat" }).click();
  await expect(page.getByText("The seat holders were asked to release a seat they no longer need.")).toBeVisible();

  const [askerName] = await namesOf(["spec06@acme.test"]);
  for (const holder of [holders[0]!, holders[3]!]) {
    const nudge = holder.page.getByTestId("nudge-notice");
    await expect(nudge).toContainText("A colleague is waiting for a seat");
    await expect(nudge).toContainText(`${askerName} asked for a seat of your pool`);
  }
  await holders[0]!.page.screenshot({ path: "/tmp/seatdesk-nudge.png" });
  await expect(page.getByTestId("nudge-notice")).toHaveCount(0);

  // The administrator's overview shows the full pool and the refusal, and leads to the board.
  const admin = await people.open("admin@acme.test", "/admin");
  const seatsNow = admin.page.getByRole("region", { name: "Seats now" });
  await expect(seatsNow.getByRole("link", { name: /Concurrent seats in use/ })).toContainText("4 of 4");
  await expect(seatsNow.getByRole("link", { name: /Refused in the last 24 hours/ })).toHaveText(/hours[1-9]/);
  await seatsNow.getByRole("link", { name: /Waiting for a seat/ }).click();
  await expect(admin.page).toHaveURL(/\/admin\/seats$/);
});

test("the portal works for an end user while every seat of the pool is taken", async ({ people }) => {
  test.setTimeout(120_000);
  await fillPool(people, ["spec12@acme.test", "spec13@acme.test", "spec14@acme.test", "spec15@acme.test"]);
  expect(await liveLeasesOfPool()).toBe(POOL_SIZE);

  const [name] = await namesOf(["user0500@acme.test"]);
  const { page } = await people.open("user0500@acme.test", "/portal");
  await expect(page).toHaveURL(/\/portal$/);
  await expect(page.getByRole("heading", { level: 1, name: `Hello, ${name!.split(" ")[0]}` })).toBeVisible();
  await expect(page.getByTestId("seat-indicator")).toHaveCount(0);
  expect(await openLeaseOf("user0500@acme.test")).toBeNull();
});
