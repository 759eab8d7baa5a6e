import "server-only";
import { router } from "../trpc/init";
import { agentProcedure, portalProcedure, seatedProcedure } from "../trpc/procedures";
import {
  articleIdInput,
  createArticleInput,
  listArticlesInput,
  suggestArticlesInput,
  updateArticleInput,
} from "@/lib/validation/knowledge";
import { getArticle, listArticles, suggestArticles } from "../knowledge/read";
import { createArticle, updateArticle } from "../knowledge/write";

/**
 * The knowledge base. In the portal, anyone who may raise a ticket reads the published
 * articles, never a seat involved. In the console, agents and administrators read every article,
 * drafts included, without a seat (agentProcedure), and write with a live one (seatedProcedure:
 * ctx.db is the transaction holding the seat fence).
 */
export const portalKnowledgeRouter = router({
  list: portalProcedure.input(listArticlesInput).query(({ ctx, input }) => listArticles(ctx.db, "portal", input)),
  get: portalProcedure.input(articleIdInput).query(({ ctx, input }) => getArticle(ctx.db, "portal", input.id)),
  /** While a new ticket's title is typed: articles that may answer it. */
  suggest: portalProcedure.input(suggestArticlesInput).query(({ ctx, input }) => suggestArticles(ctx.db, input)),
});

export const consoleKnowledgeRouter = router({
  list: agentProcedure.input(listArticlesInput).query(({ ctx, input }) => listArticles(ctx.db, "console", input)),
  get: agentProcedure.input(articleIdInput).query(({ ctx, input }) => getArticle(ctx.db, "console", input.id)),
  create: seatedProcedure
    .input(createArticleInput)
    .mutation(({ ctx, input }) => createArticle(ctx.db, { id: ctx.session.user.id }, input)),
  update: seatedProcedure
    .input(updateArticleInput)
    .mutation(({ ctx, input }) => updateArticle(ctx.db, { id: ctx.session.user.id }, input)),
});
