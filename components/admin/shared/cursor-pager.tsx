"use client";
import { useState, type ComponentProps, type ReactNode } from "react";
import { keepPreviousData, useQuery, type QueryKey, type UseQueryOptions } from "@tanstack/react-query";
import { Button } from "@/components/ui/button";
import { QueryState } from "@/components/ui/query-state";

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
 * A list paged by cursor: the pager, and the query of the page it points at, which keeps showing
 * the page before while the next one loads (`options` makes the query's options for a cursor).
 */
export function usePagedQuery<TData, TError, TKey extends QueryKey>(
  filterKey: string,
  options: (cursor: string | undefined) => UseQueryOptions<TData, TError, TData, TKey>,
) {
  const pager = useCursorPager(filterKey);
  const query = useQuery({ ...options(pager.cursor), placeholderData: keepPreviousData });
  return { pager, query };
}

/** Previous / Next under a paged list, with where the reader is ("Page 2", "21–40 of 57 people"). */
export function PageNav({
  label,
  status,
  page,
  hasNext,
  onNext,
  onPrevious,
  busy,
}: {
  label: string;
  status: string;
  page: number;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
  busy?: boolean;
}) {
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 pt-3 text-sm">
      <p className="text-muted-foreground" aria-live="polite">
        {status}
      </p>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" onClick={onPrevious} disabled={page === 0 || busy}>
          Previous
        </Button>
        <Button variant="outline" size="sm" onClick={onNext} disabled={!hasNext || busy}>
          Next
        </Button>
      </div>
    </nav>
  );
}

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
  hideSinglePage,
}: {
  pager: CursorPagerState;
  pageSize: number;
  data: { items: readonly unknown[]; total?: number; nextCursor: string | null };
  busy?: boolean;
  noun: string;
  /** When the server stops counting above this many, a larger total reads "1,000+". */
  totalCap?: number;
  /** Nothing at all while the first page is the only one. */
  hideSinglePage?: boolean;
}) {
  const { page, next, previous } = pager;
  const { total, nextCursor } = data;
  if (hideSinglePage && page === 0 && !nextCursor) return null;
  const shown = data.items.length;
  const from = shown === 0 ? 0 : page * pageSize + 1;
  const counted = (n: number) =>
    totalCap !== undefined && n > totalCap ? `${totalCap.toLocaleString("en")}+` : n.toLocaleString("en");
  return (
    <PageNav
      label={`Pages of ${noun}`}
      status={
        total === undefined
          ? `Page ${page + 1}`
          : shown === 0
            ? `No ${noun}`
            : `${from}–${from + shown - 1} of ${counted(total)} ${noun}`
      }
      page={page}
      hasNext={Boolean(nextCursor)}
      onNext={() => nextCursor && next(nextCursor)}
      onPrevious={previous}
      busy={busy}
    />
  );
}

type Page = { items: readonly unknown[]; total?: number; nextCursor: string | null };

/**
 * A page of a list paged by useCursorPager, through QueryState's states (empty only on the first
 * page: a later page that comes back empty keeps its Previous), with the Pager under it.
 */
export function PagedQueryState<T extends Page>({
  pager,
  pageSize,
  noun,
  totalCap,
  hideSinglePage,
  total,
  children,
  ...states
}: Omit<ComponentProps<typeof QueryState<T>>, "isEmpty"> & {
  pager: CursorPagerState;
  pageSize: number;
  noun: string;
  totalCap?: number;
  hideSinglePage?: boolean;
  /** The list's count when it comes from elsewhere than the page (the queue's tab counts). */
  total?: (page: T) => number | undefined;
}) {
  return (
    <QueryState {...states} isEmpty={(page) => page.items.length === 0 && pager.page === 0}>
      {(page): ReactNode => (
        <>
          {children(page)}
          <Pager
            pager={pager}
            pageSize={pageSize}
            data={total ? { ...page, total: total(page) } : page}
            busy={states.query.isFetching}
            noun={noun}
            totalCap={totalCap}
            hideSinglePage={hideSinglePage}
          />
        </>
      )}
    </QueryState>
  );
}

// Kept here for the screens that still import it from this module (components/account).
export { LoadErrorAlert } from "@/components/ui/query-state";
