import "server-only";
import type { DbOrTx } from "../db/transaction";
import { AppError } from "../errors";
import { requireCategory } from "../tickets/assignment";
import {
  createArticleInput,
  updateArticleInput,
  type CreateArticleInput,
  type UpdateArticleInput,
} from "@/lib/validation/knowledge";
import { getArticle, type Article } from "./read";

/*
 * Writing the knowledge base: agents and administrators, holding a seat (the router's seat-gated
 * procedure runs this inside the seat fence's transaction). An article is published when saved
 * as such (publishedAt keeps the first time); saving it as a draft withdraws it from the portal.
 * Two editors never silently overwrite each other: a save names the version it started from,
 * and a newer one is refused with who saved it.
 */

export type ArticleEditor = { id: string };

export async function createArticle(db: DbOrTx, editor: ArticleEditor, rawInput: CreateArticleInput): Promise<Article> {
  const input = createArticleInput.parse(rawInput);
  if (input.categoryId) await requireCategory(db, input.categoryId);
  const created = await db.knowledgeArticle.create({
    data: {
      title: input.title,
      body: input.body,
      categoryId: input.categoryId ?? null,
      status: input.status,
      authorId: editor.id,
      updatedById: editor.id,
      publishedAt: input.status === "PUBLISHED" ? new Date() : null,
    },
    select: { id: true },
  });
  return getArticle(db, "console", created.id);
}

export async function updateArticle(db: DbOrTx, editor: ArticleEditor, rawInput: UpdateArticleInput): Promise<Article> {
  const input = updateArticleInput.parse(rawInput);
  if (input.categoryId) await requireCategory(db, input.categoryId);
  const updated = await db.$executeRaw`
    update "KnowledgeArticle" set
      "title" = ${input.title}, "body" = ${input.body}, "categoryId" = ${input.categoryId ?? null}, "status" =
        ${input.status}::"ArticleStatus",
      "publishedAt" = case when ${input.status} = 'PUBLISHED' then coalesce("publishedAt", now()) else
        "publishedAt" end,
      "updatedById" = ${editor.id}, "updatedAt" = now(), "version" = "version" + 1
    where "id" = ${input.id} and "version" = ${input.version}`;
  if (updated === 0) {
    const current = await db.knowledgeArticle.findUnique({
      where: { id: input.id },
      select: { version: true, updatedBy: { select: { name: true } } },
    });
    if (!current) throw new AppError("NOT_FOUND", "This article no longer exists.");
    throw new AppError(
      "CONFLICT",
      `${current.updatedBy.name} saved this article after you opened it. Copy what you wrote, reload the ` +
        `article to see their version, then save yours again.`,
      { currentVersion: current.version },
    );
  }
  return getArticle(db, "console", input.id);
}
