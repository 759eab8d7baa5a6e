"use client";
import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Search } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { formatWhen } from "@/lib/date-time";
import {
  ARTICLE_STATUS_LABEL,
  ARTICLE_STATUSES,
  ARTICLES_PAGE_SIZE,
  type ArticleStatusValue,
} from "@/lib/validation/knowledge";
import { FilterSelect } from "@/components/ui/filter-fields";
import { Badge } from "@/components/ui/badge";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { PagedQueryState, useCursorPager } from "@/components/admin/shared/cursor-pager";

/**
 * The knowledge base's articles, newest update first, a page at a time, with full-text search.
 * In the portal: published articles only, each opening its page. In the console: drafts too,
 * with their status and a filter by it, each opening its editor.
 */
export function ArticleList({ audience }: { audience: "portal" | "console" }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<ArticleStatusValue | "">("");
  const term = useDebouncedValue(search.trim());
  const pager = useCursorPager(JSON.stringify([term, status]));
  const input = {
    search: term || undefined,
    status: status || undefined,
    cursor: pager.cursor,
    limit: ARTICLES_PAGE_SIZE,
  };
  const options = { placeholderData: keepPreviousData };
  const portal = useQuery({
    ...trpc.portalKnowledge.list.queryOptions(input, options),
    enabled: audience === "portal",
  });
  const console_ = useQuery({
    ...trpc.consoleKnowledge.list.queryOptions(input, options),
    enabled: audience === "console",
  });
  const query = audience === "portal" ? portal : console_;
  const hrefOf = (id: string) => (audience === "portal" ? `/portal/knowledge/${id}` : `/console/knowledge/${id}`);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-64 flex-1 gap-1.5">
          <Label htmlFor="knowledge-search">Search the knowledge base</Label>
          <div className="relative">
            <Search
              className="pointer-events-none absolute left-3 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
              aria-hidden
            />
            <Input
              id="knowledge-search"
              type="search"
              className="pl-9"
              placeholder="For example: VPN, password, printer"
              value={search}
              maxLength={200}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
        </div>
        {audience === "console" ? (
          <FilterSelect
            id="knowledge-status"
            label="Status"
            className=""
            value={status}
            onChange={setStatus}
            all="Drafts and published"
            options={ARTICLE_STATUSES.map((s) => [s, ARTICLE_STATUS_LABEL[s]] as const)}
          />
        ) : null}
      </div>

      <PagedQueryState
        pager={pager}
        pageSize={ARTICLES_PAGE_SIZE}
        noun="articles"
        query={query}
        errorTitle="The articles could not be loaded"
        loadingLabel="Loading articles…"
        empty={{
          title: term || status ? "No article matches" : "No articles yet",
          description:
            term || status
              ? "Try other words, or fewer of them."
              : audience === "portal"
                ? "The service desk has not published any article yet."
                : "Write the first one: a fix the desk gives again and again is a good start.",
        }}
        className="space-y-3"
      >
        {(data) => (
          <>
            <ul className="divide-y rounded-xl border bg-card" aria-label="Articles">
              {data.items.map((a) => (
                <li key={a.id} className="p-4" data-testid="knowledge-article">
                  <div className="flex flex-wrap items-center gap-2">
                    <Link href={hrefOf(a.id)} className="font-medium text-primary underline-offset-4 hover:underline">
                      {a.title}
                    </Link>
                    {audience === "console" ? (
                      <Badge variant={a.status === "PUBLISHED" ? "success" : "outline"}>
                        {ARTICLE_STATUS_LABEL[a.status]}
                      </Badge>
                    ) : null}
                    {a.category ? <span className="text-xs text-muted-foreground">{a.category.name}</span> : null}
                  </div>
                  <p className="mt-1 line-clamp-2 text-sm text-muted-foreground">{a.excerpt}</p>
                  <p className="mt-1 text-xs text-muted-foreground">Updated {formatWhen(a.updatedAt)}</p>
                </li>
              ))}
            </ul>
          </>
        )}
      </PagedQueryState>
    </div>
  );
}
