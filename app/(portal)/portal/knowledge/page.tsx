import type { Metadata } from "next";
import { ArticleList } from "@/components/knowledge/article-list";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Knowledge base" };

export default async function PortalKnowledgePage() {
  if (!(await requirePageArea("portal"))) return null; // the layout sends the person home
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Knowledge base</h1>
        <p className="text-sm text-muted-foreground">
          How-tos and known fixes from the service desk: often the quickest answer.
        </p>
      </div>
      <ArticleList audience="portal" />
    </div>
  );
}
