"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { BookOpenIcon, ExternalLinkIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";

/**
 * While a problem is being described: published articles that may already answer it. They open
 * in a new tab, so the form keeps what was typed; nothing shows when nothing matches.
 */
export function SuggestedArticles({ text }: { text: string }) {
  const trpc = useTRPC();
  const words = useDebouncedValue(text.trim(), 400);
  const query = useQuery({
    ...trpc.portalKnowledge.suggest.queryOptions({ text: words }, { placeholderData: keepPreviousData }),
    enabled: words.length >= 3,
  });
  const articles = words.length >= 3 ? (query.data ?? []) : [];
  if (articles.length === 0) return null;
  return (
    <aside
      aria-label="Articles that may help"
      className="rounded-lg border border-primary/30 bg-accent/40 p-3 text-sm"
      data-testid="suggested-articles"
    >
      <p className="flex items-center gap-2 font-medium">
        <BookOpenIcon className="size-4 text-primary" aria-hidden /> These articles may already answer it
      </p>
      <ul className="mt-2 space-y-1">
        {articles.map((a) => (
          <li key={a.id}>
            <a
              href={`/portal/knowledge/${a.id}`}
              target="_blank"
              rel="noopener"
              className="inline-flex items-center gap-1 text-primary underline-offset-4 hover:underline"
            >
              {a.title} <ExternalLinkIcon className="size-3" aria-hidden />
              <span className="sr-only">(opens in a new tab)</span>
            </a>
          </li>
        ))}
      </ul>
    </aside>
  );
}
