import { beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createPool, createPoolMembers, createUser, signIn } from "@/test/factories";
import { callerFor } from "@/test/trpc";
import type { Db } from "@/server/db/client";
import type { AppError } from "@/server/errors";
import { checkoutSeat } from "@/server/licensing/checkout";

/*
 * The knowledge base through every middleware: the portal reads published articles only, the
 * console reads drafts too without a seat and writes with one; search, pages, stale saves and
 * bad input.
 */
let db: Db;
let writer: { id: string; name: string };
let colleague: { id: string; name: string };
let reader: { id: string };
let category: { id: string };
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  writer = await createNamedAgent(db);
  colleague = await createNamedAgent(db);
  reader = await createUser(db);
  category = await db.category.create({ data: { name: `Email ${Date.now()}` } });
});

const as = async (user: { id: string }) => callerFor(db, await signIn(db, user.id));
async function rejection(promise: Promise<unknown>): Promise<TRPCError & { cause?: AppError }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError & { cause?: AppError };
}
const body = (words: string) => `${words}. Open the settings, choose the account, then sign in again.`;

describe("knowledge base", () => {
  it("publishes for the portal; a draft is only in the console, and 'not found' in the portal", async () => {
    const console_ = await as(writer);
    const published = await console_.consoleKnowledge.create({
      title: "Reset your password",
      body: body("Forgotten password"),
      categoryId: category.id,
      status: "PUBLISHED",
    });
    const draft = await console_.consoleKnowledge.create({
      title: "Unfinished: new printers",
      body: body("Printer setup"),
      status: "DRAFT",
    });
    expect(published).toMatchObject({
      status: "PUBLISHED",
      version: 1,
      author: { id: writer.id },
      category: { id: category.id },
    });
    expect(published.publishedAt).toBeInstanceOf(Date);
    expect(draft.publishedAt).toBeNull();

    const portal = await as(reader);
    const portalIds = (await portal.portalKnowledge.list({})).items.map((a) => a.id);
    expect(portalIds).toContain(published.id);
    expect(portalIds).not.toContain(draft.id);
    expect((await portal.portalKnowledge.get({ id: published.id })).body).toBe(published.body);
    const hidden = await rejection(portal.portalKnowledge.get({ id: draft.id }));
    expect(hidden.code).toBe("NOT_FOUND");

    const consoleIds = (await console_.consoleKnowledge.list({ status: "DRAFT" })).items.map((a) => a.id);
    expect(consoleIds).toContain(draft.id);
    expect(consoleIds).not.toContain(published.id);
  });

  it("searches title and body with full-text search, never showing drafts in the portal", async () => {
    const console_ = await as(writer);
    const word = `zq${Date.now().toString(36)}`;
    const inTitle = await console_.consoleKnowledge.create({
      title: `Connect to the ${word} VPN`,
      body: body("Install the client"),
      status: "PUBLISHED",
    });
    const inBody = await console_.consoleKnowledge.create({
      title: "Working from home",
      body: `Before you start, connect to ${word} from the tray icon and wait.`,
      status: "PUBLISHED",
    });
    const asDraft = await console_.consoleKnowledge.create({
      title: `Draft about ${word}`,
      body: body("Not ready"),
      status: "DRAFT",
    });
    const portal = await as(reader);
    expect((await portal.portalKnowledge.list({ search: word })).items.map((a) => a.id).sort()).toEqual(
      [inTitle.id, inBody.id].sort(),
    );
    expect((await console_.consoleKnowledge.list({ search: word })).items.map((a) => a.id).sort()).toEqual(
      [inTitle.id, inBody.id, asDraft.id].sort(),
    );
    expect((await portal.portalKnowledge.list({ search: `${word} -home` })).items.map((a) => a.id)).toEqual([
      inTitle.id,
    ]);
  });

  it(
    "suggests published articles for what someone is about to report: any of its words, the best match " + "first",
    async () => {
      const console_ = await as(writer);
      const word = `sg${Date.now().toString(36)}`;
      const best = await console_.consoleKnowledge.create({
        title: `${word} printer prints blank pages`,
        body: body("Replace the toner"),
        status: "PUBLISHED",
      });
      const other = await console_.consoleKnowledge.create({
        title: "Printer jams",
        body: `Open the ${word} tray and remove the paper, then close it again.`,
        status: "PUBLISHED",
      });
      await console_.consoleKnowledge.create({
        title: `${word} printer draft`,
        body: body("Not ready"),
        status: "DRAFT",
      });
      const portal = await as(reader);
      const suggested = (
        await portal.portalKnowledge.suggest({ text: `The ${word} printer on floor 2 only prints blank pages` })
      ).map((a) => a.id);
      expect(suggested[0]).toBe(best.id);
      expect(suggested).toContain(other.id);
      expect(suggested.length).toBeLessThanOrEqual(3);
      expect(await portal.portalKnowledge.suggest({ text: "the and of" })).toEqual([]);
      expect(await portal.portalKnowledge.suggest({ text: "ab" })).toEqual([]);
      expect(await portal.portalKnowledge.suggest({ text: '\'); drop table "KnowledgeArticle"; --' })).toBeInstanceOf(
        Array,
      );
    },
  );

  it("lists newest update first, a page at a time, without repeats or gaps", async () => {
    const console_ = await as(writer);
    const tag = `pg${Date.now().toString(36)}`;
    const made: string[] = [];
    for (let i = 0; i < 5; i++)
      made.push(
        (
          await console_.consoleKnowledge.create({
            title: `${tag} article ${i}`,
            body: body(`Step ${i}`),
            status: "PUBLISHED",
          })
        ).id,
      );
    // Same update time for all: the id decides, and pages still split exactly.
    await db.knowledgeArticle.updateMany({
      where: { id: { in: made } },
      data: { updatedAt: new Date("2026-01-01T00:00:00Z") },
    });
    const portal = await as(reader);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await portal.portalKnowledge.list({ search: tag, limit: 2, cursor });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...made].sort().reverse());
  });

  it("refuses a stale save with who saved since, and publishing keeps the first publication date", async () => {
    const article = await (
      await as(writer)
    ).consoleKnowledge.create({ title: "Share a mailbox", body: body("Shared mailbox"), status: "DRAFT" });
    const saved = await (
      await as(colleague)
    ).consoleKnowledge.update({
      id: article.id,
      version: 1,
      title: "Share a mailbox in Outlook",
      body: article.body,
      status: "PUBLISHED",
    });
    expect(saved).toMatchObject({ version: 2, updatedBy: { id: colleague.id }, author: { id: writer.id } });
    const stale = await rejection(
      (await as(writer)).consoleKnowledge.update({
        id: article.id,
        version: 1,
        title: "Mine",
        body: article.body,
        status: "DRAFT",
      }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.message).toContain(`${colleague.name} saved this article after you opened it`);
    expect(await db.knowledgeArticle.findUniqueOrThrow({ where: { id: article.id }, select: { title: true } })).toEqual(
      { title: "Share a mailbox in Outlook" },
    );

    const withdrawn = await (
      await as(colleague)
    ).consoleKnowledge.update({ id: article.id, version: 2, title: saved.title, body: saved.body, status: "DRAFT" });
    expect(withdrawn.publishedAt).toEqual(saved.publishedAt);
    const again = await (
      await as(colleague)
    ).consoleKnowledge.update({
      id: article.id,
      version: 3,
      title: saved.title,
      body: saved.body,
      status: "PUBLISHED",
    });
    expect(again.publishedAt).toEqual(saved.publishedAt);
    expect((await rejection((await as(reader)).portalKnowledge.get({ id: "no-such-article" }))).code).toBe("NOT_FOUND");
  });

  it("lists an excerpt on one line, ending with … when the text goes on, however it is laid out", async () => {
    const console_ = await as(writer);
    const word = `ex${Date.now().toString(36)}`;
    const steps = Array.from({ length: 40 }, (_, i) => `\n\n      ${i + 1}. step`).join("");
    await console_.consoleKnowledge.create({
      title: `${word} many steps`,
      body: `${word} setup${steps}`,
      status: "PUBLISHED",
    });
    const [item] = (await (await as(reader)).portalKnowledge.list({ search: word })).items;
    expect(item!.excerpt).toMatch(new RegExp(`^${word} setup 1\\. step 2\\. step .*…$`));
    expect(item!.excerpt).not.toContain("\n");
    expect(item!.excerpt.length).toBeLessThanOrEqual(181);
  });

  it("answers bad input field by field, and keeps markup as typed", async () => {
    const console_ = await as(writer);
    const short = await rejection(
      console_.consoleKnowledge.create({ title: "ab", body: "too short", status: "PUBLISHED" }),
    );
    expect(short.code).toBe("BAD_REQUEST");
    expect(short.message).toMatch(/at least 3 characters for the title/);
    expect(short.message).toMatch(/Write at least 20 characters/);
    const status = await rejection(
      console_.consoleKnowledge.create({ title: "Fine title", body: body("Fine"), status: "LIVE" as "DRAFT" }),
    );
    expect(status.message).toMatch(/Choose draft or published/);
    const unknown = await rejection(
      console_.consoleKnowledge.create({
        title: "Fine title",
        body: body("Fine"),
        status: "DRAFT",
        categoryId: "no-such-category",
      }),
    );
    expect(unknown.cause?.field).toBe("categoryId");
    const markup = await console_.consoleKnowledge.create({
      title: "<script>alert(1)</script>",
      body: "<img src=x onerror=alert(1)> and more words here",
      status: "PUBLISHED",
    });
    expect((await (await as(reader)).portalKnowledge.get({ id: markup.id })).title).toBe("<script>alert(1)</script>");
  });

  it("reads without a seat; writing needs one, and nothing is written without it", async () => {
    const unlicensed = await as(await createUser(db, { role: "AGENT" }));
    expect((await unlicensed.consoleKnowledge.list({})).items.length).toBeGreaterThan(0);
    const refused = await rejection(
      unlicensed.consoleKnowledge.create({ title: "Should not exist", body: body("Nothing"), status: "DRAFT" }),
    );
    expect(refused.code).toBe("FORBIDDEN");

    const pool = await createPool(db, { size: 1 });
    const [holder, waiting] = await createPoolMembers(db, pool.id, 2);
    expect((await checkoutSeat(db, { userId: holder!.id })).status).toBe("granted");
    const full = await rejection(
      (await as(waiting!)).consoleKnowledge.create({
        title: "Should not exist",
        body: body("Nothing"),
        status: "DRAFT",
      }),
    );
    expect(full.code).toBe("PRECONDITION_FAILED");
    expect(await db.knowledgeArticle.count({ where: { title: "Should not exist" } })).toBe(0);
  });
});
