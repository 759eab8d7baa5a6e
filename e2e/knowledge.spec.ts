import { randomBytes } from "node:crypto";
import { test, expect } from "./support/people";

/*
 * The knowledge base: a desk agent writes an article (bad input answered beside the field, what
 * was typed kept), saves it as a draft, then publishes it; an end user finds it by searching the
 * portal, reads it as text (markup shown, never run) and is offered the way to the service desk.
 */

test("a desk agent publishes an article and an end user finds and reads it", async ({ people }) => {
  const word = `kb${randomBytes(3).toString("hex")}`;
  const agent = await people.openConsole("desk06@acme.test");
  await agent.page.getByRole("link", { name: "Knowledge base" }).click();
  await expect(agent.page.getByRole("heading", { level: 1, name: "Knowledge base" })).toBeVisible();
  await expect(agent.page.getByTestId("knowledge-article").first()).toBeVisible();
  await agent.page.getByRole("link", { name: "New article" }).click();

  const body =
    `Restart the ${word} client, then sign in again.\n<b>Not bold</b> <script>window.__ran = ` +
    `true</script>\nMore: https://intranet.acme.test/it/${word}`;
  await agent.page.getByLabel("Title").fill("ab");
  await agent.page.getByLabel("Article").fill(body);
  await agent.page.getByRole("button", { name: "Create article" }).click();
  await expect(agent.page.getByText("Use at least 3 characters for the title")).toBeVisible();
  await expect(agent.page.getByLabel("Article")).toHaveValue(body);

  await agent.page.getByLabel("Title").fill(`The ${word} client will not connect`);
  await agent.page.getByLabel("Category (optional)").selectOption({ label: "Network & VPN" });
  await agent.page.getByRole("button", { name: "Create article" }).click();
  await expect(agent.page.getByText(/was created as a draft/)).toBeVisible();
  await expect(agent.page).toHaveURL(/\/console\/knowledge\/[a-z0-9]+$/);
  // Opened again, the editor shows what was saved, the category included.
  await agent.page.reload();
  await expect(agent.page.getByLabel("Category (optional)").locator("option:checked")).toHaveText("Network & VPN");
  await expect(agent.page.getByLabel("Article")).toHaveValue(body);

  // A draft is not in the portal yet.
  const user = await people.open("user0402@acme.test", "/portal");
  await user.page
    .getByRole("main")
    .getByRole("link", { name: /Find an answer/ })
    .click();
  await user.page.getByLabel("Search the knowledge base").fill(word);
  await expect(user.page.getByText("No article matches")).toBeVisible();

  await agent.page.getByLabel("Who can read it").selectOption("PUBLISHED");
  await agent.page.getByRole("button", { name: "Save changes" }).click();
  await expect(agent.page.getByText(/end users can read it in the portal/)).toBeVisible();

  await user.page.getByLabel("Search the knowledge base").fill(`${word} client`);
  const hit = user.page.getByTestId("knowledge-article");
  await expect(hit).toHaveCount(1);
  await hit.getByRole("link").click();
  await expect(user.page.getByRole("heading", { level: 1, name: `The ${word} client will not connect` })).toBeVisible();
  await expect(user.page.getByText("<b>Not bold</b> <script>window.__ran = true</script>")).toBeVisible();
  expect(await user.page.evaluate(() => (window as { __ran?: boolean }).__ran)).toBeUndefined();
  await expect(user.page.getByRole("link", { name: `https://intranet.acme.test/it/${word}` })).toHaveAttribute(
    "rel",
    /noopener/,
  );
  await expect(user.page.getByRole("link", { name: "Report a problem" }).last()).toHaveAttribute(
    "href",
    "/portal/new?type=INCIDENT",
  );

  // Describing the same problem in a new ticket suggests the article, in a new tab: the form keeps what was typed.
  await user.page.getByRole("link", { name: "Report a problem" }).last().click();
  await user.page.getByLabel("Title").fill(`My ${word} client says it cannot connect`);
  const suggested = user.page.getByRole("complementary", { name: "Articles that may help" });
  await expect(
    suggested.getByRole("link", { name: new RegExp(`The ${word} client will not connect`) }),
  ).toHaveAttribute("target", "_blank");
  await expect(user.page.getByLabel("Title")).toHaveValue(`My ${word} client says it cannot connect`);
});
