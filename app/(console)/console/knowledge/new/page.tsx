import type { Metadata } from "next";
import { requirePageArea } from "@/server/auth/require-area";
import { getDb } from "@/server/db/client";
import { listCategories } from "@/server/tickets/categories";
import { ArticleEditor } from "@/components/knowledge/article-editor";

export const metadata: Metadata = { title: "New article" };
export const dynamic = "force-dynamic";

export default async function NewArticlePage() {
  if (!(await requirePageArea("console"))) return null; // the layout says "not for you"
  return <ArticleEditor article={null} categories={await listCategories(getDb())} />;
}
