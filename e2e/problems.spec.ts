import { test, expect } from "./support/people";
import { sql } from "./support/db";
import { trpcMutation } from "./support/trpc";
import { createPortalTicket } from "./support/tickets";

/*
 * Problem management in the console: an agent with the problem license links two reported
 * incidents to a problem, writes its root cause and workaround, marks it a known error (a draft
 * knowledge article appears), then resolves the problem and its incidents with one note.
 */

test("an agent marks a known error and resolves a problem with its incidents", async ({ people }) => {
  const stamp = Date.now().toString(36);
  const user = await people.open("user0401@acme.test", "/portal");
  const incidents = [
    await createPortalTicket(user.context.request, { title: `VPN drops at home ${stamp}` }),
    await createPortalTicket(user.context.request, { title: `VPN drops in the hotel ${stamp}` }),
  ];

  const agent = await people.openConsole("desk05@acme.test");
  const title = `VPN drops every hour ${stamp}`;
  const created = await trpcMutation(agent.context.request, "consoleTickets.create", { type: "PROBLEM", title });
  expect(created.ok()).toBe(true);
  const problem = ((await created.json()) as { result: { data: { json: { id: string; displayNumber: string } } } })
    .result.data.json;
  for (const incident of incidents) {
    const linked = await trpcMutation(agent.context.request, "consoleTickets.link", {
      fromId: problem.id,
      toRef: incident.displayNumber,
    });
    expect(linked.ok()).toBe(true);
  }

  const page = agent.page;
  await page.goto(`/console/tickets/${problem.displayNumber}`);
  const panel = page.getByTestId("problem-panel");
  await expect(panel.getByRole("list", { name: "Linked incidents" }).getByRole("listitem")).toHaveCount(2);
  await panel.getByLabel("Root cause").fill("The VPN concentrator's DHCP lease is one hour.");
  await panel.getByLabel("Workaround").fill("Reconnect the VPN client.");
  await panel.getByLabel("Known error").check();
  await panel.getByRole("button", { name: "Save problem" }).click();
  await expect(page.getByText("Saved: a knowledge article was drafted from the known error.")).toBeVisible();
  await expect(panel.getByRole("link", { name: `Known error: ${title}` })).toBeVisible();

  const note = "We lengthened the VPN lease: the hourly drops are over.";
  await panel.getByLabel("Note to the requesters").fill(note);
  await panel.getByRole("button", { name: "Resolve problem and its incidents" }).click();
  await expect(page.getByText(`Resolved ${problem.displayNumber} and 2 incidents`)).toBeVisible();
  await expect(
    panel.getByRole("list", { name: "Linked incidents" }).getByText("Resolved", { exact: true }),
  ).toHaveCount(2);

  const rows = await sql<{ status: string; notes: number }>(
    `select t.status::text as status,
       (select count(*)::int from "TicketComment" c where c."ticketId" = t.id and not c.internal and ` +
      `c.body = $2) as notes
     from "Ticket" t where t.id = any($1::text[])`,
    [incidents.map((i) => i.id), note],
  );
  expect(rows).toEqual([
    { status: "RESOLVED", notes: 1 },
    { status: "RESOLVED", notes: 1 },
  ]);
});
