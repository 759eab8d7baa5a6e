import { test, expect } from "./support/people";
import { namesOf, resetSeats } from "./support/seats";
import { sql } from "./support/db";
import { createConsoleTicket, openTicket, queueRow, showQueue, uniqueWord } from "./support/console";

/*
 * The agent console's tickets: two agents saving the same ticket (the second is told what
 * changed and by whom and keeps their edits), an invalid transition answered beside the field,
 * filters and search narrowing a queue, and the read-only console when the seat ends, with the
 * agent's draft kept.
 */

test.beforeEach(async () => {
  await resetSeats();
});

async function requesterId(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`select id from "User" where email = $1`, [email]);
  return row!.id;
}

test("a stale edit: the second agent sees what changed and by whom, keeps their edits, and saves on top", async ({
  people,
}) => {
  test.setTimeout(120_000);
  const title = `Shared drive slow ${uniqueWord("stale")}`;
  const first = await people.openConsole("desk02@acme.test");
  const second = await people.openConsole("desk03@acme.test");
  const ticket = await createConsoleTicket(first.context.request, {
    title,
    description: "Opening files takes a minute",
    requesterId: await requesterId("user0100@acme.test"),
  });
  const [firstName] = await namesOf(["desk02@acme.test"]);

  // Both open version 1.
  await openTicket(first.page, ticket.displayNumber, title);
  await openTicket(second.page, ticket.displayNumber, title);

  // The first raises the impact and saves.
  await first.page.getByLabel("Impact").selectOption({ label: "High" });
  await first.page.getByRole("button", { name: "Save changes" }).click();
  await expect(first.page.getByTestId("history-entry").filter({ hasText: "impact: Low → High" })).toBeVisible();

  // The second, still on version 1, retitles it: refused, told what changed and by whom.
  const mine = `${title} (whole floor)`;
  await second.page.getByLabel("Title").fill(mine);
  await second.page.getByRole("button", { name: "Save changes" }).click();
  const stale = second.page.getByTestId("stale-edit");
  await expect(stale).toContainText("Someone else saved this ticket first");
  await expect(stale).toContainText(`${firstName} changed impact: Low → High`);
  await expect(stale).toContainText(`changed by ${firstName}`);
  await expect(second.page.getByLabel("Title")).toHaveValue(mine);
  await second.page.screenshot({ path: "/tmp/seatdesk-stale-edit.png", fullPage: true });

  // Keeping theirs on top: the colleague's impact comes in, the new title stays, saving works.
  await stale.getByRole("button", { name: "Keep my edits on top of theirs" }).click();
  await expect(stale).toHaveCount(0);
  await expect(second.page.getByLabel("Title")).toHaveValue(mine);
  await expect(second.page.getByLabel("Impact")).toHaveValue("1");
  await second.page.getByRole("button", { name: "Save changes" }).click();
  await expect(second.page.getByRole("heading", { level: 1, name: mine })).toBeVisible();
  const [row] = await sql<{ title: string; impact: number; version: number }>(
    `select title, impact, version from "Ticket" where id = $1`,
    [ticket.id],
  );
  expect(row).toEqual({ title: mine, impact: 1, version: 3 });
});

test("an invalid transition is answered beside the status, and the form keeps what was typed", async ({ people }) => {
  const title = `Badge reader broken ${uniqueWord("close")}`;
  const agent = await people.openConsole("desk04@acme.test");
  const ticket = await createConsoleTicket(agent.context.request, {
    title,
    requesterId: await requesterId("user0101@acme.test"),
  });
  await openTicket(agent.page, ticket.displayNumber, title);
  await agent.page.getByLabel("Title").fill(`${title} at the main entrance`);
  await agent.page.getByLabel("Status").selectOption({ label: "Closed" });
  await agent.page.getByRole("button", { name: "Save changes" }).click();
  await expect(agent.page.locator("#ticket-status-error")).toHaveText(
    "A ticket that is New cannot be closed: resolve it first (or cancel it if it is not needed).",
  );
  await expect(agent.page.getByLabel("Status")).toHaveAttribute("aria-invalid", "true");
  await expect(agent.page.getByLabel("Title")).toHaveValue(`${title} at the main entrance`);
  const [row] = await sql<{ status: string; version: number }>(
    `select status::text, version from "Ticket" where id = $1`,
    [ticket.id],
  );
  expect(row).toEqual({ status: "NEW", version: 1 });
});

test("filters and full-text search narrow the queue, and the tab counts follow", async ({ people }) => {
  const word = uniqueWord("printer");
  const agent = await people.openConsole("desk05@acme.test");
  const requester = await requesterId("user0102@acme.test");
  const incident = await createConsoleTicket(agent.context.request, {
    title: `Printer jams on floor 2 ${word}`,
    requesterId: requester,
  });
  const problem = await createConsoleTicket(agent.context.request, {
    type: "PROBLEM",
    title: `Printer firmware ${word}`,
    description: "Jams on every model",
    impact: 1,
    urgency: 1,
  });
  const other = await createConsoleTicket(agent.context.request, {
    title: "Unrelated monitor flicker",
    requesterId: requester,
  });

  await agent.page.reload();
  await showQueue(agent.page, /All open/, word);
  await expect(queueRow(agent.page, incident.displayNumber)).toBeVisible();
  await expect(queueRow(agent.page, problem.displayNumber)).toBeVisible();
  await expect(queueRow(agent.page, other.displayNumber)).toHaveCount(0);
  await expect(agent.page.getByTestId("queue-count-open")).toHaveText("2");
  await agent.page.screenshot({ path: "/tmp/seatdesk-console-queue.png", fullPage: true });

  await agent.page.getByLabel("Type").selectOption({ label: "Problem" });
  await expect(queueRow(agent.page, incident.displayNumber)).toHaveCount(0);
  await expect(queueRow(agent.page, problem.displayNumber)).toBeVisible();
  await expect(agent.page.getByTestId("queue-count-open")).toHaveText("1");
  await expect(queueRow(agent.page, problem.displayNumber)).toContainText("P1");

  await agent.page.getByLabel("Priority").selectOption("P4");
  await expect(agent.page.getByText("match these filters")).toBeVisible();
  await agent.page.getByRole("button", { name: "Clear filters" }).click();

  // A ticket number finds that ticket alone.
  await agent.page.getByLabel("Search", { exact: true }).fill(incident.displayNumber);
  await expect(queueRow(agent.page, incident.displayNumber)).toBeVisible();
  await expect(agent.page.getByRole("table", { name: "Tickets" }).getByRole("row")).toHaveCount(2);

  // The tab is kept in the address: a reload, or a link such as the admin overview's, opens that queue.
  await expect(agent.page).toHaveURL(/[?&]view=open\b/);
  await agent.page.goto("/console?view=breaching");
  await expect(agent.page.getByRole("tab", { name: /Breaching soon/ })).toHaveAttribute("aria-selected", "true");
});

test("without a seat the console reads but offers no changes, and keeps the reply being typed", async ({ people }) => {
  test.setTimeout(120_000);
  const title = `VPN certificate expired ${uniqueWord("ro")}`;
  const email = "spec10@acme.test";
  const desk = await people.openConsole("desk06@acme.test");
  const ticket = await createConsoleTicket(desk.context.request, {
    title,
    requesterId: await requesterId("user0103@acme.test"),
  });

  const spec = await people.openConsole(email);
  await expect(spec.page.getByTestId("seat-indicator")).toHaveText(/Specialists · seat \d of 4/);
  await openTicket(spec.page, ticket.displayNumber, title);
  const draft = "Renewed the certificate on the gateway; please reconnect and tell me if it works.";
  await spec.page.getByRole("textbox", { name: /Reply to/ }).fill(draft);

  // An administrator ends the seat: the console turns read-only and the draft stays.
  await sql(
    `update "SeatLease" set "endedAt" = now(), "endReason" = 'ADMIN', "endNote" = 'browser test' where ` +
      `"endedAt" is null and "userId" = (select id from "User" where email = $1)`,
    [email],
  );
  await expect(spec.page.getByTestId("seat-indicator")).toHaveText("Read-only");
  await expect(spec.page.getByRole("textbox", { name: /Reply to/ })).toHaveValue(draft);
  await expect(spec.page.getByRole("button", { name: "Send reply to requester" })).toBeDisabled();
  await expect(spec.page.getByRole("button", { name: "Save changes" })).toBeDisabled();
  await expect(spec.page.getByRole("button", { name: "Escalate to a group" })).toBeDisabled();
  await expect(spec.page.getByLabel("Title")).toBeDisabled();
  await expect(spec.page.getByTestId("read-only-reason").first()).toContainText("Read-only: you need a seat");
  // Reading still works, internal notes included.
  await expect(spec.page.getByRole("heading", { level: 1, name: title })).toBeVisible();

  // A reload keeps the draft (sessionStorage), still read-only.
  await spec.page.reload();
  await expect(spec.page.getByRole("textbox", { name: /Reply to/ })).toHaveValue(draft);
  await expect(spec.page.getByRole("button", { name: "Send reply to requester" })).toBeDisabled();
  await spec.page.screenshot({ path: "/tmp/seatdesk-console-read-only.png", fullPage: true });
  const [count] = await sql<{ n: number }>(`select count(*)::int as n from "TicketComment" where "ticketId" = $1`, [
    ticket.id,
  ]);
  expect(count!.n).toBe(0);
});
