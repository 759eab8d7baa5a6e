"use client";
import { useState } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { errorMessage } from "@/lib/trpc/errors";

/**
 * Cursor pagination for the admin tables: remembers the cursors of the pages seen so that
 * "Previous" goes back exactly. A different `filterKey` (new search or filters) starts again
 * from the first page.
 */
export function useCursorPager(filterKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({
    key: filterKey,
    cursors: [undefined],
  });
  const cursorsOf = (s: typeof state) => (s.key === filterKey ? s.cursors : [undefined]);
  const cursors = cursorsOf(state);
  const page = cursors.length - 1;
  return {
    cursor: cursors[page],
    page,
    next: (cursor: string) => setState((s) => ({ key: filterKey, cursors: [...cursorsOf(s), cursor] })),
    previous: () =>
      setState((s) => ({ key: filterKey, cursors: cursorsOf(s).length > 1 ? cursorsOf(s).slice(0, -1) : [undefined] })),
  };
}

export type CursorPagerState = ReturnType<typeof useCursorPager>;

/**
 * "21–40 of 57 people" and Previous / Next under a list paged by useCursorPager; "Page 2" for a
 * list that is not counted (no `total`).
 */
export function Pager({
  pager,
  pageSize,
  data,
  busy,
  noun,
  totalCap,
}: {
  pager: CursorPagerState;
  pageSize: number;
  data: { items: readonly unknown[]; total?: number; nextCursor: string | null };
  busy?: boolean;
  noun: string;
  /** When the server stops counting above this many, a larger total reads "1,000+". */
  totalCap?: number;
}) {
  const { page, next: onNext, previous: onPrevious } = pager;
  const { total, nextCursor } = data;
  const shown = data.items.length;
  const from = shown === 0 ? 0 : page * pageSize + 1;
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex items-center justify-between gap-3 pt-3 text-sm">
      <p className="text-muted-foreground" aria-live="polite">
        {total === undefined
          ? `Page ${page + 1}`
          : shown === 0
            ? `No ${noun}`
            : `${from}–${from + shown - 1} of ` +
              (totalCap !== undefined && total > totalCap
                ? `${totalCap.toLocaleString("en")}+`
                : total.toLocaleString("en")) +
              ` ${noun}`}
      </p>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" onClick={onPrevious} disabled={page === 0 || busy}>
          Previous
        </Button>
        <Button
          variant="outline"
          size="sm"
          onClick={() => nextCursor && onNext(nextCursor)}
          disabled={!nextCursor || busy}
        >
          Next
        </Button>
      </div>
    </nav>
  );
}

/** A list that failed to load: what the server said, and a way to try again. */
export function LoadErrorAlert({ title, error, onRetry }: { title?: string; error: unknown; onRetry: () => void }) {
  return (
    <Alert variant="destructive" role="alert">
      {title ? <AlertTitle>{title}</AlertTitle> : null}
      <AlertDescription className="flex flex-wrap items-center gap-3">
        <span>{errorMessage(error)}</span>
        <Button size="sm" variant="outline" onClick={onRetry}>
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}
