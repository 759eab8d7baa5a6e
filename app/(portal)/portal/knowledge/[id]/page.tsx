import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageArea } from "@/server/auth/require-area";
import { getDb } from "@/server/db/client";
import { isAppError } from "@/server/errors";
import { getArticle } from "@/server/knowledge/read";
import { ArticleView } from "@/components/knowledge/article-view";

export const metadata: Metadata = { title: "Knowledge base" };
export const dynamic = "force-dynamic";

/** A published article, for anyone signed in; a draft is a 404, as a missing one. */
export default async function PortalArticlePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!(await requirePageArea("portal"))) return null; // the layout sends the person home
  const article = await getArticle(getDb(), "portal", id).catch((error: unknown) => {
    if (isAppError(error) && error.code === "NOT_FOUND") return null;
    throw error;
  });
  if (!article) notFound();
  return <ArticleView article={article} />;
}
