import { test, expect } from "./support/people";
import { sql } from "./support/db";
import { trpcMutation } from "./support/trpc";

/*
 * Change approval across the two sides of the desk: an agent with the change license plans a change
 * and requests approval; a manager with no seat and no agent license approves it from the portal;
 * the agent then schedules it. (The approvers are set as an administrator would, through the API.)
 */

test("a manager with no seat approves a change from the portal, and the agent schedules it", async ({ people }) => {
  const [manager] = await sql<{ id: string; name: string }>(
    `select id, name from "User" where email = 'user0300@acme.test'`,
  );
  const admin = await people.open("admin@acme.test", "/admin");
  const policy = await trpcMutation(admin.context.request, "adminChanges.savePolicy", {
    kind: "NORMAL",
    mode: "ANY",
    approverIds: [manager!.id],
    groupId: null,
  });
  expect(policy.ok()).toBe(true);

  const agent = await people.openConsole("desk06@acme.test");
  const title = `Replace the core switch ${Date.now().toString(36)}`;
  const created = await trpcMutation(agent.context.request, "changes.create", { title, kind: "NORMAL" });
  expect(created.ok()).toBe(true);
  const { displayNumber } = ((await created.json()) as { result: { data: { json: { displayNumber: string } } } }).result
    .data.json;

  const page = agent.page;
  await page.goto(`/console/tickets/${displayNumber}`);
  await page.getByLabel("Planned start").fill("2027-03-01T20:00");
  await page.getByLabel("Planned end").fill("2027-03-01T22:00");
  await page.getByLabel("Implementation plan").fill("Swap the supervisor module");
  await page.getByLabel("Back-out plan").fill("Put the old module back");
  await page.getByLabel("Test plan").fill("Ping every floor switch");
  await page.getByRole("button", { name: "Save plan" }).click();
  await expect(page.getByText("Plan saved.")).toBeVisible();
  await page.getByRole("button", { name: "Assess" }).click();
  await page.getByRole("button", { name: "Request approval" }).click();
  await expect(page.getByRole("list", { name: "Approvals" })).toContainText(`${manager!.name}: waiting`);
  // Not approved yet: scheduling is refused with the reason.
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "is not approved yet" })).toBeVisible();

  const approver = await people.open("user0300@acme.test", "/portal/approvals");
  await approver.page.getByRole("link", { name: new RegExp(`${displayNumber} · ${title}`) }).click();
  await expect(approver.page.getByText("Swap the supervisor module")).toBeVisible();
  await approver.page.getByLabel(/^Comment/).fill("Go ahead, tell the floors first");
  await approver.page.getByRole("button", { name: "Approve" }).click();
  await expect(approver.page.getByText(`Approved: ${displayNumber}.`)).toBeVisible();
  await expect(approver.page.getByRole("status").filter({ hasText: `Approved by ${manager!.name}` })).toBeVisible();
  const [seats] = await sql<{ n: number }>(`select count(*)::int as n from "SeatLease" where "userId" = $1`, [
    manager!.id,
  ]);
  expect(seats!.n).toBe(0);

  await page.reload();
  await expect(page.getByRole("list", { name: "Approvals" })).toContainText(`approved by ${manager!.name}`);
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.getByText("The change is now scheduled.")).toBeVisible();
  const [record] = await sql<{ state: string }>(
    `select c.state::text as state from "ChangeRecord" c join "Ticket" t on t.id = c."ticketId" where t.title = $1`,
    [title],
  );
  expect(record!.state).toBe("SCHEDULED");
});
