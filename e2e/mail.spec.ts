import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import nodemailer from "nodemailer";
import { simpleParser, type ParsedMail } from "mailparser";
import { test, expect } from "./support/people";
import { resetSeats } from "./support/seats";
import { openTicket, uniqueWord } from "./support/console";

/*
 * Email end to end (issue 17): an end user reports a problem in the portal, an agent answers in
 * the console (and writes an internal note), the answer arrives by mail at the capture SMTP
 * server that scripts/e2e.ts started (without the note), the end user answers that mail over SMTP
 * into seatdesk's own listener, and the answer shows on the ticket in the portal and the console,
 * without the quoted history.
 */

const MAIL_DIR = process.env.E2E_MAIL_DIR ?? "";
const LISTENER_PORT = Number(process.env.E2E_MAIL_SMTP_PORT ?? 0);

const parsedFiles = new Map<string, ParsedMail>();

/** The first mail to `to` whose text contains `text`, waiting for the app's mail job. */
async function waitForMail(to: string, text: string, timeoutMs = 30_000): Promise<ParsedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const file of readdirSync(MAIL_DIR).sort()) {
      if (!parsedFiles.has(file)) parsedFiles.set(file, await simpleParser(readFileSync(path.join(MAIL_DIR, file))));
      const mail = parsedFiles.get(file)!;
      const recipients = (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) =>
        a.value.map((v) => v.address),
      );
      if (recipients.includes(to) && (mail.text ?? "").includes(text)) return mail;
    }
    if (Date.now() > deadline) throw new Error(`No mail to ${to} containing "${text}" within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

test.beforeEach(async () => {
  await resetSeats();
});

test("an answer arrives by mail, and the reply to that mail lands on the ticket", async ({ people }) => {
  test.setTimeout(180_000);
  expect(MAIL_DIR, "run through npm run test:e2e, which starts the mail servers").not.toBe("");
  const word = uniqueWord("mail");
  const title = `Printer jams on floor 3 ${word}`;
  const secret = `INTERNAL ${word}: toner vendor contract lapsed`;
  const answer = `Please use tray 2 for now (${word}); a technician comes tomorrow.`;

  // 1. The end user reports it; the desk confirms by mail, with the number.
  const user = await people.open("user0077@acme.test", "/portal/new");
  await user.page.getByLabel("Title").fill(title);
  await user.page.getByLabel("Details").fill("Every second page jams.");
  await user.page.getByRole("button", { name: "Send", exact: true }).click();
  await user.page.waitForURL(/\/portal\/tickets\/INC-\d{6}$/);
  const number = user.page.url().split("/").pop()!;
  const received = await waitForMail("user0077@acme.test", `gave it the number ${number}`);
  expect(received.subject).toContain(number);

  // 2. An agent writes an internal note, then answers publicly.
  const desk = await people.openConsole("desk01@acme.test");
  await openTicket(desk.page, number, title);
  await desk.page.getByRole("radio", { name: "Internal work note" }).click();
  await desk.page.getByRole("textbox", { name: /Internal work note: only agents can read it/ }).fill(secret);
  await desk.page.getByRole("button", { name: "Add internal note" }).click();
  await expect(desk.page.getByTestId("work-note").filter({ hasText: secret })).toBeVisible();
  await desk.page.getByRole("radio", { name: "Public reply" }).click();
  await desk.page.getByRole("textbox", { name: /Reply to .*: the requester will read it/ }).fill(answer);
  await desk.page.getByRole("button", { name: "Send reply to requester" }).click();
  await expect(desk.page.getByTestId("public-reply").filter({ hasText: answer })).toBeVisible();

  // 3. The answer arrives by mail: both parts, threaded, with a signed reply address; no note.
  const mail = await waitForMail("user0077@acme.test", answer);
  expect(mail.subject).toContain(number);
  expect(mail.html).toContain("tray 2 for now");
  expect(mail.text).not.toContain("toner vendor");
  expect(String(mail.html)).not.toContain("toner vendor");
  expect(mail.text).toContain(`/portal/tickets/${number}`);
  const replyTo = (Array.isArray(mail.replyTo) ? mail.replyTo[0] : mail.replyTo)!.value[0]!.address!;
  expect(replyTo).toMatch(new RegExp(`^desk\\+${number.toLowerCase()}\\.[a-z0-9_-]+@acme\\.test$`));

  // 4. The end user answers the mail (their mail program quotes the history below).
  const reply = `Tray 2 works, thanks (${word}).`;
  await nodemailer
    .createTransport({ host: "127.0.0.1", port: LISTENER_PORT, secure: false, ignoreTLS: true })
    .sendMail({
      from: "user0077@acme.test",
      to: replyTo,
      subject: `Re: ${mail.subject}`,
      inReplyTo: mail.messageId,
      references: [mail.messageId!],
      text: `${reply}\n\nOn ${new Date().toUTCString()}, IT Service Desk <desk@acme.test> wrote:\n> ${answer}\n`,
    });

  // 5. It shows in the portal and in the console, without the quoted history.
  await user.page.reload();
  await expect(user.page.getByText(reply)).toBeVisible();
  await expect(user.page.getByText(/IT Service Desk <desk@acme.test> wrote/)).toHaveCount(0);
  await desk.page.reload();
  await expect(desk.page.getByTestId("public-reply").filter({ hasText: reply })).toBeVisible();
});

test("administrators read the outbox with each message's status, and received mail with its reason", async ({
  people,
}) => {
  test.setTimeout(120_000);
  expect(LISTENER_PORT, "run through npm run test:e2e, which starts the mail servers").toBeGreaterThan(0);
  const word = uniqueWord("inbox");
  const stranger = `stranger-${word}@elsewhere.test`.toLowerCase();
  const subject = `Can you fix my laptop ${word}`;
  // Mail from an address nobody has: refused, with an automatic answer that goes through the outbox.
  await nodemailer
    .createTransport({ host: "127.0.0.1", port: LISTENER_PORT, secure: false, ignoreTLS: true })
    .sendMail({ from: stranger, to: "desk@acme.test", subject, text: "It does not start." });

  const { page } = await people.open("admin@acme.test", "/admin/mail");
  await expect(page.getByRole("heading", { name: "Mail", level: 1 })).toBeVisible();
  const received = page.getByRole("table", { name: "Mail received, newest first" }).getByTestId("inbound-message");
  const mine = received.filter({ hasText: subject });
  await expect(mine).toContainText(stranger);
  await expect(mine).toContainText("Ignored");
  await expect(mine).toContainText(`${stranger} is not known here: refused with an automatic answer.`);

  // The automatic answer is listed, and turns from waiting to sent once the mail job has delivered it.
  const outbox = page.getByRole("table", { name: "Outgoing mail, newest first" }).getByTestId("outbox-message");
  const answer = outbox.filter({ hasText: stranger });
  await expect(async () => {
    await page.reload();
    await expect(answer).toContainText("Sent", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await expect(answer).toContainText("Your mail to the service desk was not accepted");
  await waitForMail(stranger, "only from people it knows");

  // The status filters: sent messages include it, failed ones do not; ignored mail includes the refusal.
  await page.getByLabel("Status").first().selectOption({ label: "Failed" });
  await expect(answer).toHaveCount(0);
  await page.getByLabel("Status").first().selectOption({ label: "Sent" });
  await expect(answer).toHaveCount(1);
  await page.getByLabel("Status").nth(1).selectOption({ label: "Ignored" });
  await expect(mine).toHaveCount(1);
  await page.getByLabel("Status").nth(1).selectOption({ label: "Processed" });
  await expect(mine).toHaveCount(0);
});
