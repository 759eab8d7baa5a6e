import { randomBytes } from "node:crypto";
import { test, expect } from "./support/people";
import { sql } from "./support/db";
import { createPortalTicket, PNG_1X1, uploadFile } from "./support/tickets";

/*
 * The self-service portal: an end user reports a problem with a file, follows it in "my tickets",
 * reads and answers the conversation, and answers a resolution. Nobody else can open the ticket or
 * its files, and markup typed into a ticket is shown as text, never run.
 */

const unique = () => randomBytes(3).toString("hex");

test.describe("the self-service portal", () => {
  test("an end user reports an incident with a file, finds it in my tickets, opens it and replies", async ({
    people,
  }) => {
    const { page } = await people.open("user0301@acme.test", "/portal");
    const pageErrors: Error[] = [];
    page.on("pageerror", (e) => pageErrors.push(e));
    page.on("dialog", (d) => {
      pageErrors.push(new Error(`A dialog opened: ${d.message()}`));
      void d.dismiss();
    });

    await page
      .getByRole("main")
      .getByRole("link", { name: /Report a problem/ })
      .click();
    await expect(page.getByRole("heading", { level: 1, name: "Report a problem" })).toBeVisible();

    // Bad input is answered beside the field, and what was typed stays.
    const details = "Prints blank pages since this morning.\nGuide: https://wiki.acme.test/printers";
    await page.getByLabel("Details").fill(details);
    await page.getByLabel("Title").fill("x");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(page.getByText("Use at least 3 characters for the title")).toBeVisible();
    await expect(page.getByLabel("Details")).toHaveValue(details);

    // A disallowed file is refused when chosen, with the reason beside the picker.
    const picker = page.getByTestId("attachment-input");
    await picker.setInputFiles({ name: "setup.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
    await expect(page.getByText(/setup\.exe cannot be attached/)).toBeVisible();
    await picker.setInputFiles({ name: "blank-page.png", mimeType: "image/png", buffer: PNG_1X1 });
    await expect(page.getByRole("list", { name: "Files to attach" })).toContainText("blank-page.png");

    const title = `<script>window.__pwned = 1</script> Printer ${unique()} <b>bold</b>`;
    await page.getByLabel("Title").fill(title);
    await page.getByLabel("Who is affected?").selectOption({ label: "My team or a few people" });
    await page.getByRole("button", { name: "Send" }).click();

    await page.waitForURL(/\/portal\/tickets\/INC-\d{6}$/);
    const number = page.url().split("/").pop()!;
    await expect(page.getByTestId("ticket-title")).toHaveText(title);
    await expect(page.getByTestId("ticket-status")).toHaveText("New");
    // Shown as text: no element was made from the markup, no script ran.
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.getByTestId("ticket-title").locator("b, script")).toHaveCount(0);
    // Line breaks kept and the link clickable.
    await expect(page.getByRole("link", { name: "https://wiki.acme.test/printers" })).toHaveAttribute(
      "href",
      "https://wiki.acme.test/printers",
    );

    const file = page.getByRole("link", { name: /blank-page\.png/ });
    await expect(file).toBeVisible();
    const download = await page.request.get((await file.getAttribute("href"))!);
    expect(download.status()).toBe(200);
    expect(download.headers()["content-type"]).toBe("image/png");
    expect(download.headers()["content-disposition"]).toMatch(/^attachment; filename="blank-page\.png"/);
    expect(download.headers()["x-content-type-options"]).toBe("nosniff");

    // My tickets: the ticket with its status and last update.
    await page.getByRole("link", { name: "My tickets" }).first().click();
    const row = page.getByTestId(`my-ticket-${number}`);
    await expect(row).toContainText(title);
    await expect(row.getByTestId("ticket-status")).toHaveText("New");
    await row.getByRole("link", { name: number }).click();
    await page.waitForURL(new RegExp(`/portal/tickets/${number}$`));

    // A reply, with a file on it.
    await page.getByLabel("Your reply").fill("Tried another tray: still blank.\nSee https://wiki.acme.test/trays.");
    await page
      .getByTestId("attachment-input")
      .setInputFiles({ name: "tray.log", mimeType: "text/plain", buffer: Buffer.from("tray 2: empty page\n") });
    await page.getByRole("button", { name: "Send reply" }).click();
    const conversation = page.getByTestId("conversation");
    await expect(conversation).toContainText("Tried another tray: still blank.");
    await expect(conversation.getByRole("link", { name: /tray\.log/ })).toBeVisible();
    await expect(conversation.getByRole("link", { name: "https://wiki.acme.test/trays" })).toBeVisible();
    await expect(page.getByLabel("Your reply")).toHaveValue("");
    expect(pageErrors).toEqual([]);
  });

  test("another end user cannot open the ticket or its files: a 404 page", async ({ people }) => {
    const owner = await people.open("user0302@acme.test", "/portal");
    const ticket = await createPortalTicket(owner.context.request, { title: `Private trouble ${unique()}` });
    const uploaded = await uploadFile(owner.context.request, ticket.id, {
      name: "private.png",
      mimeType: "image/png",
      buffer: PNG_1X1,
    });
    expect(uploaded.status).toBe(201);

    const other = await people.open("user0303@acme.test", "/portal");
    for (const ref of [ticket.displayNumber, ticket.id]) {
      const response = await other.page.goto(`/portal/tickets/${ref}`);
      expect(response?.status()).toBe(404);
      await expect(other.page.getByRole("heading", { level: 1, name: "Ticket not found" })).toBeVisible();
      await expect(other.page.getByText("Private trouble")).toHaveCount(0);
    }
    expect((await other.context.request.get(`/api/attachments/${uploaded.body.attachment!.id}`)).status()).toBe(404);
    const upload = await uploadFile(other.context.request, ticket.id, {
      name: "x.png",
      mimeType: "image/png",
      buffer: PNG_1X1,
    });
    expect(upload.status).toBe(404);
    await expect(other.page.getByRole("link", { name: ticket.displayNumber })).toHaveCount(0);
  });

  test("a resolved ticket can be reopened with a reason, a closed one cannot take replies", async ({ people }) => {
    const { page, context } = await people.open("user0304@acme.test", "/portal");
    const ticket = await createPortalTicket(context.request, { title: `Wi-Fi drops ${unique()}` });
    await sql(`update "Ticket" set "status" = 'RESOLVED', "resolvedAt" = now() where "id" = $1`, [ticket.id]);
    await page.goto(`/portal/tickets/${ticket.displayNumber}`);
    await expect(page.getByText("Was your problem solved?")).toBeVisible();
    await page.getByRole("button", { name: "No, reopen it" }).click();
    await page.getByRole("button", { name: "Reopen the ticket" }).click();
    await expect(page.getByText("Say what is still not working")).toBeVisible();
    await page.getByLabel("What is still not working?").fill("It dropped again at noon.");
    await page.getByRole("button", { name: "Reopen the ticket" }).click();
    await expect(page.getByTestId("ticket-status")).toHaveText("In progress");
    await expect(page.getByTestId("conversation")).toContainText("It dropped again at noon.");

    await sql(`update "Ticket" set "status" = 'RESOLVED', "resolvedAt" = now() where "id" = $1`, [ticket.id]);
    await page.reload();
    await page.getByRole("button", { name: "Yes, it is solved" }).click();
    await expect(page.getByTestId("ticket-status")).toHaveText("Closed");
    await expect(page.getByText(/This ticket is closed and takes no more replies/)).toBeVisible();
    await expect(page.getByLabel("Your reply")).toHaveCount(0);
  });

  test("a report viewer is sent to the reports, not the portal", async ({ people }) => {
    const { page } = await people.open("cfo@acme.test", "/portal");
    await expect(page).not.toHaveURL(/\/portal/);
  });
});
