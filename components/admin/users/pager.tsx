"use client";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * Cursor pagination for the admin tables: remembers the cursors of the pages seen so that
 * "Previous" goes back exactly. A different `filterKey` (new search or filters) starts again
 * from the first page.
 */
export function useCursorPager(filterKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | undefined)[] }>({ key: filterKey, cursors: [undefined] });
  const cursorsOf = (s: typeof state) => (s.key === filterKey ? s.cursors : [undefined]);
  const cursors = cursorsOf(state);
  const page = cursors.length - 1;
  return {
    cursor: cursors[page],
    page,
    next: (cursor: string) => setState((s) => ({ key: filterKey, cursors: [...cursorsOf(s), cursor] })),
    previous: () => setState((s) => ({ key: filterKey, cursors: cursorsOf(s).length > 1 ? cursorsOf(s).slice(0, -1) : [undefined] })),
  };
}

export function Pager({
  page,
  pageSize,
  shown,
  total,
  nextCursor,
  onNext,
  onPrevious,
  busy,
  noun,
}: {
  page: number;
  pageSize: number;
  shown: number;
  total: number;
  nextCursor: string | null;
  onNext: (cursor: string) => void;
  onPrevious: () => void;
  busy?: boolean;
  noun: string;
}) {
  const from = shown === 0 ? 0 : page * pageSize + 1;
  return (
    <nav aria-label={`Pages of ${noun}`} className="flex items-center justify-between gap-3 pt-3 text-sm">
      <p className="text-muted-foreground" aria-live="polite">
        {shown === 0 ? `No ${noun}` : `${from}–${from + shown - 1} of ${total.toLocaleString("en")} ${noun}`}
      </p>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" onClick={onPrevious} disabled={page === 0 || busy}>
          Previous
        </Button>
        <Button variant="outline" size="sm" onClick={() => nextCursor && onNext(nextCursor)} disabled={!nextCursor || busy}>
          Next
        </Button>
      </div>
    </nav>
  );
}
