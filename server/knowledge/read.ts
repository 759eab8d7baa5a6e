import "server-only";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { AppError } from "../errors";
import { decodeCursor, encodeCursor } from "../tickets/cursor";
import {
  ARTICLE_SUGGESTIONS,
  listArticlesInput,
  suggestArticlesInput,
  type ArticleStatusValue,
  type ListArticlesInput,
} from "@/lib/validation/knowledge";

/*
 * Reading the knowledge base. The portal (anyone signed in) sees published articles only; the
 * console (agents and administrators, with or without a seat) sees drafts too. Lists run newest
 * update first by (updatedAt, id), a page at a time, and search the title and body with
 * PostgreSQL full-text search (websearch syntax: words, "a phrase", -without).
 */

export type ArticleAudience = "portal" | "console";

export type ArticleListItem = {
  id: string;
  title: string;
  excerpt: string;
  status: ArticleStatusValue;
  category: { id: string; name: string } | null;
  updatedAt: Date;
  publishedAt: Date | null;
};
export type ArticlePage = { items: ArticleListItem[]; nextCursor: string | null };
export type Article = ArticleListItem & {
  body: string;
  version: number;
  createdAt: Date;
  author: { id: string; name: string };
  updatedBy: { id: string; name: string };
};

const EXCERPT_CHARS = 180;
/** Read this much of the body for an excerpt: enough that it still runs past EXCERPT_CHARS once line breaks and indents
 * are squeezed. */
const EXCERPT_SOURCE_CHARS = EXCERPT_CHARS * 3;

/** What a list shows of an article `a` and its category `c` (a Row). */
const LIST_COLUMNS = Prisma.sql`a."id", a."title", left(a."body", ${EXCERPT_SOURCE_CHARS}) as excerpt,
  a."status"::text as status, a."updatedAt", a."publishedAt",
  c."id" as "categoryId", c."name" as "categoryName"`;

type Row = Omit<ArticleListItem, "category" | "excerpt"> & {
  excerpt: string;
  categoryId: string | null;
  categoryName: string | null;
};

export async function listArticles(
  db: DbOrTx,
  audience: ArticleAudience,
  rawInput: ListArticlesInput = {},
): Promise<ArticlePage> {
  const input = listArticlesInput.parse(rawInput);
  const where: Prisma.Sql[] = [];
  if (audience === "portal") where.push(Prisma.sql`a."status" = 'PUBLISHED'`);
  else if (input.status) where.push(Prisma.sql`a."status" = ${input.status}::"ArticleStatus"`);
  if (input.search) where.push(Prisma.sql`a."search" @@ websearch_to_tsquery('english', ${input.search})`);
  if (input.cursor) {
    const after = decodeCursor(input.cursor);
    where.push(Prisma.sql`(a."updatedAt", a."id") < (${after.updatedAt}, ${after.id})`);
  }
  const rows = await db.$queryRaw<Row[]>`
    select ${LIST_COLUMNS}
    from "KnowledgeArticle" a left join "Category" c on c."id" = a."categoryId"
    ${where.length ? Prisma.sql`where ${Prisma.join(where, " and ")}` : Prisma.empty}
    order by a."updatedAt" desc, a."id" desc
    limit ${input.limit + 1}`;
  const items = rows.slice(0, input.limit).map(toListItem);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor(last) : null };
}

/**
 * Published articles that may answer what someone is about to report, best first: any of the
 * words (a title is a sentence, not a search), ranked by where they occur (title before text).
 * The words are those of plainto_tsquery (stemmed, without stop words) joined by OR.
 */
export async function suggestArticles(db: DbOrTx, rawInput: { text?: string }): Promise<ArticleListItem[]> {
  const { text } = suggestArticlesInput.parse(rawInput);
  if (text.length < 3) return [];
  const rows = await db.$queryRaw<Row[]>`
    with q as (select nullif(replace(plainto_tsquery('english', ${text})::text, ' & ', ' | '), '')::tsquery as query)
    select ${LIST_COLUMNS}
    from q join "KnowledgeArticle" a on a."search" @@ q.query left join "Category" c on c."id" = a."categoryId"
    where a."status" = 'PUBLISHED'
    order by ts_rank(a."search", q.query) desc, a."updatedAt" desc, a."id"
    limit ${ARTICLE_SUGGESTIONS}`;
  return rows.map(toListItem);
}

/** The start of the body on one line, cut at EXCERPT_CHARS with an ellipsis. */
function excerptOf(body: string): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS).trimEnd()}…` : flat;
}

function toListItem(row: Row): ArticleListItem {
  const { categoryId, categoryName, excerpt, ...rest } = row;
  return {
    ...rest,
    excerpt: excerptOf(excerpt),
    category: categoryId ? { id: categoryId, name: categoryName ?? "" } : null,
  };
}

/** One article; a draft is "not found" in the portal, as is an article that does not exist. */
export async function getArticle(db: DbOrTx, audience: ArticleAudience, id: string): Promise<Article> {
  const article = await db.knowledgeArticle.findUnique({
    where: { id },
    select: {
      id: true,
      title: true,
      body: true,
      status: true,
      version: true,
      createdAt: true,
      updatedAt: true,
      publishedAt: true,
      category: { select: { id: true, name: true } },
      author: { select: { id: true, name: true } },
      updatedBy: { select: { id: true, name: true } },
    },
  });
  if (!article || (audience === "portal" && article.status !== "PUBLISHED"))
    throw new AppError("NOT_FOUND", "This article was not found. It may have been withdrawn.");
  return { ...article, excerpt: excerptOf(article.body) };
}
