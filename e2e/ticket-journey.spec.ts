import { test, expect } from "./support/people";
import { namesOf, resetSeats } from "./support/seats";
import { openTicket, queueRow, showQueue, uniqueWord } from "./support/console";

/*
 * The whole journey of a ticket (issue 4): an end user reports an incident in the portal; it
 * lands in the Service Desk's queue; a desk agent (named seat) escalates it to Network with a
 * work note; a Network specialist (pool seat) adds a work note with a file, replies publicly with
 * another file and resolves it; the end user reads the reply and its file, never the work notes
 * or their files, and confirms the resolution.
 */

test.beforeEach(async () => {
  await resetSeats();
});

test("an incident from the portal to Network and back to a satisfied requester", async ({ people }) => {
  test.setTimeout(180_000);
  const word = uniqueWord("wifi");
  const title = `Wi-Fi drops in meeting room ${word}`;
  const workNote = `Access point AP-3F-07 reboots every few minutes (${word}), Network please check the PoE switch`;
  const reply =
    `We replaced the PoE injector of the access point in your meeting room (${word}). It ` + `should stay up now.`;
  const [requesterName] = await namesOf(["user0042@acme.test"]);

  // 1. The end user reports it in the portal.
  const user = await people.open("user0042@acme.test", "/portal/new");
  await user.page.getByLabel("Title").fill(title);
  await user.page
    .getByLabel("Details")
    .fill("Every meeting the video call freezes for a minute.\nLaptop and phone both lose the network.");
  await user.page.getByRole("button", { name: "Send", exact: true }).click();
  await user.page.waitForURL(/\/portal\/tickets\/INC-\d{6}$/);
  const number = user.page.url().split("/").pop()!;

  // 2. It shows in the Service Desk's queue of a desk agent.
  const desk = await people.openConsole("desk01@acme.test");
  await expect(desk.page.getByTestId("seat-indicator")).toHaveText("Named seat");
  await showQueue(desk.page, /My groups' unassigned/, word);
  const row = queueRow(desk.page, number);
  await expect(row).toBeVisible();
  await expect(row).toContainText(title);
  await expect(row).toContainText(requesterName!);
  await expect(row).toContainText("Service Desk");
  await expect(row).toContainText("New");

  // 3. The desk agent escalates it to Network, saying why (a required work note).
  await row.getByRole("link").click();
  await expect(desk.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await desk.page.getByRole("button", { name: "Escalate to a group" }).click();
  const dialog = desk.page.getByRole("dialog");
  await dialog.getByLabel("Group", { exact: true }).selectOption({ label: "Network" });
  await dialog.getByRole("button", { name: "Escalate" }).click();
  await expect(dialog.getByText("Write why the ticket goes to this group")).toBeVisible();
  await dialog.getByLabel("Why (internal work note)").fill(workNote);
  await dialog.getByRole("button", { name: "Escalate" }).click();
  await expect(dialog).toBeHidden();
  await expect(desk.page.getByTestId("work-note").filter({ hasText: workNote })).toContainText("Internal work note");
  await expect(desk.page.getByTestId("ticket-summary")).toContainText("· Network · unassigned");
  await expect(
    desk.page.getByTestId("history-entry").filter({ hasText: "group: Service Desk → Network" }),
  ).toBeVisible();

  // 4. A Network specialist with a pool seat finds it in their groups' queue, replies and resolves it.
  const spec = await people.openConsole("spec01@acme.test");
  await expect(spec.page.getByTestId("seat-indicator")).toHaveText(/Specialists · seat \d of 4/);
  await showQueue(spec.page, /My groups' unassigned/, word);
  await queueRow(spec.page, number).getByRole("link").click();
  await expect(spec.page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(spec.page.getByTestId("work-note")).toContainText(workNote);
  await expect(spec.page.getByRole("radio", { name: "Public reply" })).toHaveAttribute("aria-checked", "true");
  // First an internal note with a file, then the public reply with another.
  await spec.page.getByRole("radio", { name: "Internal work note" }).click();
  await spec.page
    .getByRole("textbox", { name: /Internal work note: only agents can read it/ })
    .fill(`Switch config attached (${word})`);
  await spec.page.getByTestId("attachment-input").setInputFiles({
    name: "switch-config.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("interface gi0/7\n power inline auto\n"),
  });
  await spec.page.getByRole("button", { name: "Add internal note" }).click();
  await expect(
    spec.page
      .getByTestId("work-note")
      .filter({ hasText: "Switch config attached" })
      .getByRole("link", { name: /switch-config\.txt/ }),
  ).toBeVisible();
  await spec.page.getByRole("radio", { name: "Public reply" }).click();
  await spec.page.getByRole("textbox", { name: /Reply to .*: the requester will read it/ }).fill(reply);
  await spec.page.getByTestId("attachment-input").setInputFiles({
    name: "what-we-changed.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("Replaced the PoE injector of AP-3F-07.\n"),
  });
  await spec.page.getByRole("button", { name: "Send reply to requester" }).click();
  await expect(
    spec.page
      .getByTestId("public-reply")
      .filter({ hasText: reply })
      .getByRole("link", { name: /what-we-changed\.txt/ }),
  ).toBeVisible();
  await spec.page.getByRole("button", { name: "Assign to me" }).click();
  await spec.page.getByLabel("Status").selectOption({ label: "Resolved" });
  await spec.page.getByRole("button", { name: "Save changes" }).click();
  await expect(spec.page.getByTestId("ticket-status").first()).toHaveText("Resolved");

  // 5. The end user reads the reply (not the work note) and confirms the resolution.
  await user.page.reload();
  await expect(user.page.getByText(reply)).toBeVisible();
  await expect(user.page.getByText(workNote)).toHaveCount(0);
  await expect(user.page.getByText("Access point AP-3F-07")).toHaveCount(0);
  await expect(user.page.getByText("Switch config attached")).toHaveCount(0);
  await expect(user.page.getByRole("link", { name: /what-we-changed\.txt/ })).toBeVisible();
  await expect(user.page.getByRole("link", { name: /switch-config\.txt/ })).toHaveCount(0);
  await user.page.getByRole("button", { name: "Yes, it is solved" }).click();
  await expect(user.page.getByTestId("ticket-status").first()).toHaveText("Closed");

  // The console sees it closed, and its history tells the story.
  await openTicket(desk.page, number, title);
  await expect(desk.page.getByTestId("ticket-status").first()).toHaveText("Closed");
  await expect(desk.page.getByTestId("history-entry").filter({ hasText: "status: Resolved → Closed" })).toBeVisible();
});
