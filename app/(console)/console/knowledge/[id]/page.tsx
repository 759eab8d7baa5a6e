import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageArea } from "@/server/auth/require-area";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { getArticle } from "@/server/knowledge/read";
import { listCategories } from "@/server/tickets/categories";
import { ArticleEditor } from "@/components/knowledge/article-editor";

export const metadata: Metadata = { title: "Article" };
export const dynamic = "force-dynamic";

/** An article, draft or published, in its editor: agents and administrators (saving needs a seat). */
export default async function ConsoleArticlePage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await requirePageArea("console"))) return null; // the layout says "not for you"
  const { id } = await params;
  const [article, categories] = await Promise.all([
    getArticle(getDb(), "console", id).catch((error: unknown) => {
      if (isAppError(error) && error.code === "NOT_FOUND") return null;
      throw error;
    }),
    listCategories(getDb()),
  ]);
  if (!article) notFound();
  return <ArticleEditor key={`${article.id}-${article.version}`} article={article} categories={categories} />;
}
