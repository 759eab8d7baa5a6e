import { z } from "zod";
import { versionSchema } from "./common";
import { TEXT_MAX, TITLE_MAX, TITLE_MIN } from "./tickets";

/*
 * The knowledge base's input, shared by the server (routers, domain) and the forms. Texts are
 * plain, kept as typed (markup included) and shown as text with links, like a ticket's.
 */

export const ARTICLE_STATUSES = ["DRAFT", "PUBLISHED"] as const;
export type ArticleStatusValue = (typeof ARTICLE_STATUSES)[number];
export const ARTICLE_STATUS_LABEL: Record<ArticleStatusValue, string> = { DRAFT: "Draft", PUBLISHED: "Published" };
export const ARTICLES_PAGE_SIZE = 20;
export const ARTICLE_BODY_MIN = 20;

export const listArticlesInput = z.object({
  search: z.string().trim().max(200, "Use at most 200 characters to search").optional(),
  /** Console only: drafts or published ones (the portal only ever lists published articles). */
  status: z.enum(ARTICLE_STATUSES, { error: "Choose draft or published" }).optional(),
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(ARTICLES_PAGE_SIZE),
});
export type ListArticlesInput = z.input<typeof listArticlesInput>;

/** What someone is typing into a new ticket's title: articles that may answer it. */
export const suggestArticlesInput = z.object({ text: z.string().trim().max(400).default("") });
export const ARTICLE_SUGGESTIONS = 3;

export const articleIdInput = z.object({
  id: z.string({ error: "Choose an article" }).min(1, "Choose an article").max(64),
});

export const articleFields = z.object({
  title: z
    .string({ error: "Enter a title" })
    .trim()
    .min(TITLE_MIN, `Use at least ${TITLE_MIN} characters for the title`)
    .max(TITLE_MAX, `Use at most ${TITLE_MAX} characters for the title`),
  body: z
    .string({ error: "Write the article" })
    .refine(
      (s) => s.trim().length >= ARTICLE_BODY_MIN,
      `Write at least ${ARTICLE_BODY_MIN} characters: what to do, step by step`,
    )
    .pipe(z.string().max(TEXT_MAX, `Use at most ${TEXT_MAX.toLocaleString("en-US")} characters for the article`)),
  categoryId: z.string().min(1).nullable().optional(),
  status: z.enum(ARTICLE_STATUSES, { error: "Choose draft or published" }),
});
export type ArticleFields = z.input<typeof articleFields>;

export const createArticleInput = articleFields;
export type CreateArticleInput = z.input<typeof createArticleInput>;

export const updateArticleInput = articleFields.extend({
  id: articleIdInput.shape.id,
  /** The version the editor opened: a newer one means someone else saved in between. */
  version: versionSchema,
});
export type UpdateArticleInput = z.input<typeof updateArticleInput>;
