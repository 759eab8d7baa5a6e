import Link from "next/link";
import { formatWhen } from "@/lib/date-time";
import type { Article } from "@/server/knowledge/read";
import { PlainText } from "@/components/tickets/plain-text";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { BackLink } from "@/components/ui/back-link";

/**
 * A published article as end users read it: plain text with its line breaks and links, never
 * markup; and, below, the way to the service desk when it did not help.
 */
export function ArticleView({ article }: { article: Article }) {
  return (
    <div className="space-y-6">
      <BackLink href="/portal/knowledge">Knowledge base</BackLink>
      <Card>
        <CardHeader className="gap-2">
          <h1 className="text-2xl font-semibold break-words">{article.title}</h1>
          <p className="text-xs text-muted-foreground">
            {article.category ? `${article.category.name} · ` : ""}Updated {formatWhen(article.updatedAt)}
          </p>
        </CardHeader>
        <CardContent>
          <PlainText text={article.body} className="text-base" />
        </CardContent>
      </Card>
      <p className="text-sm text-muted-foreground">
        Did not help?{" "}
        <Link href="/portal/new?type=INCIDENT" className="font-medium text-primary underline-offset-4 hover:underline">
          Report a problem
        </Link>{" "}
        and the service desk will take it from there.
      </p>
    </div>
  );
}
