import "../scripts/lib/allow-server-only";
import { test, expect } from "./support/people";
import { sql } from "./support/db";
import { trpcErrorMessage, trpcMutation } from "./support/trpc";
import { devSignedLicense } from "../prisma/demo/dev-license";

/*
 * The license file and exclusive module licenses (../shared/licensing.md): an administrator installs
 * a vendor-signed file (pasted the way it arrives, with extra whitespace) and gives a module license;
 * an agent without a module's license is told plainly what they lack, and the server refuses the work.
 */

test("an administrator installs a license file, then gives an agent a Change management license", async ({
  people,
}) => {
  const admin = await people.open("admin@acme.test", "/admin/licenses");
  const { page } = admin;
  await page.getByRole("button", { name: "Install license file" }).click();
  const dialog = page.getByRole("dialog");
  const field = dialog.getByLabel("Or paste it");

  // Not a license file: told so beside the field, and nothing can be installed.
  await field.fill("namedSeats: 500");
  await expect(dialog.getByText(/This is not a seatdesk license file/)).toBeVisible();
  await expect(dialog.getByRole("button", { name: "Install" })).toBeDisabled();

  // A genuine file as pasted from a mail: indented, with blank lines around it.
  const text = devSignedLicense({
    customer: "Acme (renewed)",
    namedSeats: 7,
    concurrentSeats: 4,
    modules: { change: 4 },
  });
  await field.fill(`\n\n    ${text.replace(/\n/g, "\n    ")}\n\n`);
  const grants = dialog.getByRole("status", { name: "What this license grants" });
  await expect(grants).toContainText("Acme (renewed)");
  await expect(grants).toContainText("7 named seats, 4 concurrent seats; Change management: 4, Problem management: 3");
  await dialog.getByRole("button", { name: "Install" }).click();
  await expect(page.getByText(/License installed: 7 named and 4 concurrent seats/)).toBeVisible();
  await expect(page.getByText(/Acme \(renewed\), license DEV-/)).toBeVisible();
  await expect(page.getByRole("list", { name: "Premium modules granted" })).toContainText(
    "Change management: 4 exclusive licenses",
  );

  // The fourth Change management license goes to desk01.
  await page.locator("#agents-search").fill("desk01@");
  const box = page.getByRole("checkbox", { name: /^Change management license of / });
  await expect(box).toHaveCount(1);
  await expect(box).not.toBeChecked();
  await box.click(); // controlled by the server answer: checked once the license is given
  await expect(page.getByText(/Change management license given to /)).toBeVisible();
  await expect(box).toBeChecked();
  await expect(page.getByRole("region", { name: "Change management" })).toContainText("4 of 4 assigned");

  const [audit] = await sql<{ n: number }>(
    `select count(*)::int as n from "AdminAuditEvent" where action in ('adminLicenses.installLicense', ` +
      `'adminLicenses.assignModule')`,
  );
  expect(audit!.n).toBeGreaterThanOrEqual(2);
});

test(
  "an agent without the Problem management license reads a problem, is told what they lack, and cannot " + "work it",
  async ({ people }) => {
    const [problem] = await sql<{ id: string; number: number }>(
      `select id, number from "Ticket" where type = 'PROBLEM' and status not in ('CLOSED', 'CANCELLED') ` +
        `order by number limit 1`,
    );
    const ref = `PRB-${String(problem!.number).padStart(6, "0")}`;
    const agent = await people.openConsole("desk02@acme.test");
    await agent.page.goto(`/console/tickets/${ref}`);
    await expect(agent.page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(agent.page.getByTestId("module-license-missing")).toHaveText(
      "You have no Problem management license, so you can read problem tickets but not work them. Ask an " +
        "administrator for a Problem management license.",
    );
    const response = await trpcMutation(agent.context.request, "consoleTickets.comment", {
      ticketId: problem!.id,
      body: "Trying anyway",
      internal: true,
    });
    expect(response.status()).toBe(403);
    expect(await trpcErrorMessage(response)).toContain("You have no Problem management license");

    // A colleague who holds it is not told anything.
    const licensed = await people.openConsole("desk05@acme.test");
    await licensed.page.goto(`/console/tickets/${ref}`);
    await expect(licensed.page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(licensed.page.getByTestId("module-license-missing")).toHaveCount(0);
  },
);
