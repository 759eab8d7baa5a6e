import type { Metadata } from "next";
import Link from "next/link";
import { PlusIcon } from "lucide-react";
import { ArticleList } from "@/components/knowledge/article-list";
import { Button } from "@/components/ui/button";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Knowledge base" };

export default async function ConsoleKnowledgePage() {
  if (!(await requirePageArea("console"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Knowledge base</h1>
          <p className="text-sm text-muted-foreground">
            Drafts and published articles. End users read the published ones in the portal.
          </p>
        </div>
        <Button asChild>
          <Link href="/console/knowledge/new">
            <PlusIcon className="size-4" aria-hidden /> New article
          </Link>
        </Button>
      </div>
      <ArticleList audience="console" />
    </div>
  );
}
