import type { Metadata } from "next";
import { ArticleList } from "@/components/knowledge/article-list";

export const metadata: Metadata = { title: "Knowledge base" };

export default function PortalKnowledgePage() {
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
