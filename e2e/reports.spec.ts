import { test, expect } from "./support/people";
import { sql } from "./support/db";

/*
 * The report viewer (the demo organisation's CFO): lands on the reports, reads the usage of the
 * Specialists pool as charts with their numbers beside them (or, without seat history in the
 * period, an explanation instead of empty charts), runs the seat mix optimizer, and is told
 * plainly that the console and administration are not for them.
 */
const CFO = "cfo@acme.test";

/** Whether the demo organisation has recorded seat use of the Specialists pool in the last 90 days. */
async function specialistsHaveHistory(): Promise<boolean> {
  const rows = await sql<{ n: number }>(
    `select count(*)::int as n from "SeatEvent" e join "SeatPool" p on p.id = e."poolId"
     where p.name = 'Specialists' and e.type in ('GRANTED', 'REFUSED') and e.at > now() - interval '90 days'`,
  );
  return (rows[0]?.n ?? 0) > 0;
}

test("the CFO lands on the reports and reads the Specialists pool's usage, with a CSV of the numbers", async ({
  people,
}) => {
  const { page, context } = await people.open(CFO, "/");
  const pageErrors: Error[] = [];
  page.on("pageerror", (e) => pageErrors.push(e));
  await expect(page).toHaveURL(/\/reports$/);
  await expect(page.getByRole("heading", { level: 1, name: "Seat usage" })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Reports navigation" });
  await expect(nav.getByRole("link")).toHaveText(["Usage", "Optimizer", "API use"]);

  const filters = page.getByRole("form", { name: "Choose the report" });
  await filters.getByLabel("Seats").selectOption({ label: "Pool: Specialists (4 seats)" });
  await filters.getByLabel("Period").selectOption("90");
  await filters.getByRole("button", { name: "Show report" }).click();
  await expect(page.getByRole("status").filter({ hasText: /^Specialists, / })).toBeVisible();

  if (await specialistsHaveHistory()) {
    const peaks = page.getByRole("region", { name: "Peak concurrent use" });
    await expect(
      peaks.getByRole("img", { name: /Peak seats in use per day, \d+ days: highest \d of 4 seats/ }),
    ).toBeVisible();
    await expect(peaks.locator(".recharts-surface")).toBeVisible();
    const table = peaks.getByRole("table", { name: "Peak seats in use per day" });
    await expect(table.getByRole("columnheader")).toHaveText(["Day", "Peak", "Refusals", "Seat-hours"]);
    expect(await table.getByRole("row").count()).toBeGreaterThan(80);
    await expect(page.getByRole("region", { name: "Use by weekday and hour" }).getByRole("rowheader")).toHaveCount(7);
    await expect(page.getByRole("region", { name: "Agents' active hours" }).getByRole("table")).toBeVisible();
    await expect(page.getByRole("region", { name: "Seat-hours used and idle" })).toBeVisible();
  } else {
    // No seat history seeded for the demo organisation yet: the page explains instead of drawing empty charts.
    await expect(page.getByText("No seat use in this period")).toBeVisible();
    await expect(page.locator(".recharts-surface")).toHaveCount(0);
  }

  // The CSV of the daily numbers, with the CFO's own session (report viewers may download).
  const to = new Date();
  const from = new Date(to.getTime() - 7 * 86_400_000);
  const pool = (
    await sql<{ id: string }>(`select id from "SeatPool" where name = 'Specialists' and "deletedAt" is null`)
  )[0]!;
  const csv = await context.request.get(
    `/api/reports/usage?from=${from.toISOString()}&to=${to.toISOString()}&scope=${pool.id}&section=daily`,
  );
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
  expect((await csv.text()).split("\r\n")[0]).toMatch(
    /^day \(.+\),peak seats in use,seats owned,refusals,seat-hours held$/,
  );
  expect(pageErrors).toEqual([]);
});

test(
  "the CFO runs the optimizer: a bad price is answered beside its field and kept, then a " +
    "recommendation or an explanation",
  async ({ people }) => {
    const { page } = await people.open(CFO, "/reports/optimizer");
    await expect(page.getByRole("heading", { level: 1, name: "Seat mix optimizer" })).toBeVisible();
    const form = page.getByRole("form", { name: "Optimizer settings" });
    const named = form.getByLabel(/^Named seat, per month/);
    await expect(named).toHaveValue(/^\d+\.\d{2}$/);
    await expect(
      page.getByRole("region", { name: "Seat prices (administrators)" }),
      "only administrators set prices",
    ).toHaveCount(0);

    await named.fill("-5");
    await form.getByLabel("Refused attempts, at most (%)").fill("140");
    await form.getByRole("button", { name: "Recommend a mix" }).click();
    await expect(form.getByText("The price of a named seat cannot be negative")).toBeVisible();
    await expect(form.getByText("The share of refused attempts must be between 0% and 100%")).toBeVisible();
    await expect(named).toHaveValue("-5");
    await form.getByLabel("Refused attempts, at most (%)").fill("100");
    await form.getByRole("button", { name: "Recommend a mix" }).click();
    await expect(
      form.getByText("Allowing 100% of attempts to be refused is met by no seats at all: choose a share below 100%"),
    ).toBeVisible();

    await named.fill("50");
    await form.getByLabel("Refused attempts, at most (%)").fill("5");
    await form.getByRole("button", { name: "Recommend a mix" }).click();
    if (await specialistsHaveHistory()) {
      const rec = page.getByTestId("recommendation");
      await expect(
        rec.getByRole("heading", { name: /^Recommended: \d+ named and \d+ concurrent seats/ }),
      ).toBeVisible();
      await expect(
        rec.getByRole("region", { name: "Cost today against recommended" }).getByRole("table"),
      ).toBeVisible();
      await expect(rec.getByTestId("explanation").locator("p").first()).not.toBeEmpty();
      // The answer comes with its proof (the HiGHS solver runs in the server build): cheapest, or how far above at
      // most.
      await expect(rec.getByTestId("proof")).toContainText(/cheapest/);
      await expect(page.getByRole("region", { name: "What if" })).toBeVisible();
    } else {
      await expect(page.getByText("No seat history to learn from in this period")).toBeVisible();
    }
  },
);

test("the CFO is told the console and administration are not for them, and never sees the portal", async ({
  people,
}) => {
  const { page } = await people.open(CFO, "/reports");
  for (const area of ["/console", "/admin"]) {
    const response = await page.goto(area);
    expect(response?.status()).toBeLessThan(500);
    await expect(page.getByRole("heading", { level: 1, name: "This page is not for you" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Go to your home page" })).toHaveAttribute("href", "/reports");
  }
  const rows = await sql<{ n: number }>(
    `select count(*)::int as n from "SeatLease" l join "User" u on u.id = l."userId" where u.email = $1`,
    [CFO],
  );
  expect(rows[0]!.n, "a report viewer never holds a seat").toBe(0);

  // The portal either says so or sends them home to the reports; it never shows them the portal.
  await page.goto("/portal");
  await expect(page.getByRole("heading", { level: 1, name: /^(This page is not for you|Seat usage)$/ })).toBeVisible();
});

test(
  "an administrator sets the seat prices beside the optimizer: a bad price is refused beside its " +
    "field, a good one saved",
  async ({ people }) => {
    const { page } = await people.open("admin@acme.test", "/reports/optimizer");
    await expect(
      page.getByRole("navigation", { name: "Reports navigation" }).getByRole("link", { name: "Administration" }),
    ).toHaveAttribute("href", "/admin");
    const prices = page.getByRole("form", { name: "Seat prices" });
    const named = prices.getByLabel("Named seat, per month");
    const before = await named.inputValue();
    await named.fill("lots");
    await prices.getByLabel("Currency").fill("e1");
    await prices.getByRole("button", { name: "Save prices" }).click();
    await expect(prices.getByText("Enter the price of a named seat as a number")).toBeVisible();
    await expect(prices.getByText("Enter a three-letter currency code, like EUR or USD")).toBeVisible();
    await expect(named).toHaveValue("lots");

    await named.fill("61.50");
    await prices.getByLabel("Currency").fill("EUR");
    await prices.getByRole("button", { name: "Save prices" }).click();
    await expect(page.getByText(/^Seat prices saved: 61\.50 and/)).toBeVisible();
    const saved = await sql<{ cents: number }>(
      `select "namedSeatMonthlyCents" as cents from "Entitlement" where id = 1`,
    );
    expect(saved[0]!.cents).toBe(6150);

    // Put the demo organisation's price back for whatever runs next.
    await named.fill(before);
    await prices.getByRole("button", { name: "Save prices" }).click();
    await expect(page.getByText(new RegExp(`^Seat prices saved: ${before.replace(".", "\\.")} and`))).toBeVisible();
  },
);
