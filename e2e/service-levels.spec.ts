import { test, expect } from "./support/people";
import { sql } from "./support/db";

/*
 * Service-level administration as an administrator uses it: a refused save shows its message
 * beside the field and keeps what was typed; a good save is confirmed and survives a reload.
 * Each test puts back what it changed.
 */

const ADMIN = "admin@acme.test";

test("SLA targets: a resolution shorter than the response is refused beside the field, then saved", async ({
  people,
}) => {
  const { page } = await people.open(ADMIN, "/admin/service-levels");
  await expect(page.getByRole("heading", { level: 1, name: "Service levels" })).toBeVisible();
  const response = page.getByLabel("P4 response (minutes)");
  const resolution = page.getByLabel("P4 resolution (minutes)");
  await expect(response).toHaveValue("480");

  // The page says which tickets a change reaches: new or re-prioritised ones; the open ones keep theirs.
  const openP4 = (
    await sql<{ n: number }>(
      `select count(*)::int as n from "Ticket" where "priority" = 'P4' and "status" in ('NEW', ` +
        `'ASSIGNED', 'IN_PROGRESS', 'PENDING')`,
    )
  )[0]!.n;
  const reach = page.getByTestId("targets-reach");
  await expect(reach).toContainText("Applies to tickets opened or re-prioritised from now on");
  await response.fill("600");
  await expect(reach).toHaveText(
    `Applies to P4 tickets opened or re-prioritised from now on; the ${openP4.toLocaleString("en")} open ` +
      `P4 ${openP4 === 1 ? "ticket keeps its" : "tickets keep their"} targets and due times.`,
  );
  await resolution.fill("120");
  await page.getByRole("button", { name: "Save targets" }).click();
  await expect(
    page.getByText("P4: resolving (120 min) cannot take less time than the first response (600 min)"),
  ).toBeVisible();
  await expect(resolution).toHaveAttribute("aria-invalid", "true");
  await expect(response).toHaveValue("600");
  await expect(resolution).toHaveValue("120");

  await resolution.fill("3600");
  await page.getByRole("button", { name: "Save targets" }).click();
  await expect(page.getByText("SLA targets saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("P4 resolution (minutes)")).toHaveValue("3600");
  await sql(`update "SlaTarget" set "responseMinutes" = 480, "resolutionMinutes" = 3000 where "priority" = 'P4'`);

  // The audit log keeps the saved change (not the refused one), with who made it.
  await page.getByRole("navigation").getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Area").selectOption({ label: "Service levels" });
  const latest = page.getByTestId("audit-event").first();
  await expect(latest).toContainText("save targets");
  await expect(latest).toContainText("Morgan Reyes");
  await expect(latest).toContainText('"resolutionMinutes":3600');
  await page.screenshot({ path: "/tmp/seatdesk-audit-log.png" });
});

test("business hours, holidays and the time zone: refusals beside their fields, saves confirmed", async ({
  people,
}) => {
  const { page } = await people.open(ADMIN, "/admin/service-levels");

  await page.getByLabel("Tuesday opens").fill("18:00");
  await page.getByLabel("Tuesday closes").fill("08:00");
  await page.getByRole("button", { name: "Save business hours" }).click();
  await expect(
    page.getByText("Tuesday closes (08:00) before or when it opens (18:00): close later than you open"),
  ).toBeVisible();
  await page.getByLabel("Tuesday opens").fill("07:30");
  await page.getByLabel("Tuesday closes").fill("24:00");
  await page.getByRole("button", { name: "Save business hours" }).click();
  await expect(page.getByText("Business hours saved.")).toBeVisible();
  expect(await sql(`select "openMinute", "closeMinute" from "BusinessHours" where "weekday" = 2`)).toEqual([
    { openMinute: 450, closeMinute: 1440 },
  ]);

  const nextYear = new Date().getFullYear() + 1;
  await page.getByLabel("Date").fill(`${nextYear}-01-01`);
  await page.getByLabel("Name", { exact: true }).fill("New Year's Day");
  await page.getByRole("button", { name: "Add holiday" }).click();
  await expect(page.getByText(`New Year's Day (`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "New Year's Day" });
  await expect(row).toHaveCount(1);
  // The same date again: refused beside the date, the name kept.
  await page.getByLabel("Date").fill(`${nextYear}-01-01`);
  await page.getByLabel("Name", { exact: true }).fill("Again");
  await page.getByRole("button", { name: "Add holiday" }).click();
  await expect(page.getByText(`1 January ${nextYear} is already a holiday (New Year's Day).`)).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Again");
  await row.getByRole("button", { name: /^Remove New Year's Day/ }).click();
  await expect(page.getByText(`No holidays in ${nextYear}`)).toBeVisible();

  const zone = page.getByLabel("Time zone");
  await zone.fill("Mars/Olympus");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(
    page.getByText("That is not a time zone we know: use a name like Europe/Berlin or America/New_York"),
  ).toBeVisible();
  await expect(zone).toHaveValue("Mars/Olympus");
  await zone.fill("Europe/Berlin");
  await page.getByLabel("Close resolved tickets after (days)").fill("10");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(
    page.getByText("Saved: resolved tickets close after 10 days; business hours are in Europe/Berlin."),
  ).toBeVisible();
  await expect(page.getByText("When the desk is open, in Europe/Berlin.", { exact: false })).toBeVisible();

  await sql(`update "BusinessHours" set "openMinute" = 480, "closeMinute" = 1080 where "weekday" = 2`);
  await sql(`update "TicketSettings" set "autoCloseDays" = 7, "timeZone" = 'UTC' where "id" = 1`);
});

test("the priority matrix refuses a less severe cell ranked higher, beside that cell", async ({ people }) => {
  const { page } = await people.open(ADMIN, "/admin/service-levels");
  const lowLow = page.getByLabel("Priority for low impact and low urgency");
  await expect(lowLow).toHaveValue("P4");
  await lowLow.selectOption("P1");
  await page.getByRole("button", { name: "Save matrix" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "a less severe cell cannot have a higher priority" }).first(),
  ).toBeVisible();
  await expect(lowLow).toHaveValue("P1");
  await lowLow.selectOption("P4");
  await page.getByRole("button", { name: "Save matrix" }).click();
  await expect(page.getByText("Priority matrix saved.")).toBeVisible();
});
