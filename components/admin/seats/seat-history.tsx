"use client";
import { useState } from "react";
import { useInfiniteQuery } from "@tanstack/react-query";
import { DownloadIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { seatHistoryQueryString, type SeatHistoryFilter } from "@/lib/validation/seat-history";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { Button, buttonVariants } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { HistoryFilters, type PoolOption } from "./history-filters";
import { HistoryTable } from "./history-table";

const PAGE_SIZE = 50;

/** The seat history: filters, the events newest first a page at a time, and the CSV export. */
export function SeatHistory({ pools }: { pools: PoolOption[] }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<SeatHistoryFilter>({});
  const events = useInfiniteQuery(
    trpc.adminSeats.history.infiniteQueryOptions(
      { ...filter, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const query = seatHistoryQueryString(filter);
  const filtered = query.length > 0;

  return (
    <div className="space-y-4">
      <HistoryFilters pools={pools} onApply={setFilter} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted-foreground" role="status">
          {events.isPending
            ? "Loading events…"
            : `${items.length} event${items.length === 1 ? "" : "s"} ` +
              `shown${events.hasNextPage ? ", more below" : ""}${filtered ? " (filtered)" : ""}`}
        </p>
        <a
          href={`/api/admin/seat-events${query ? `?${query}` : ""}`}
          className={buttonVariants({ variant: "outline", size: "sm" })}
          download
        >
          <DownloadIcon aria-hidden />
          Export CSV{filtered ? " (these filters)" : ""}
        </a>
      </div>
      {events.isError && items.length === 0 ? (
        <LoadErrorAlert
          title="The seat history could not be loaded"
          error={events.error}
          onRetry={() => void events.refetch()}
        />
      ) : events.isPending ? null : items.length === 0 ? (
        <EmptyState title={filtered ? "No seat events match these filters" : "No seat events yet"}>
          {filtered
            ? "Widen the time range, pick other event types or clear the filters."
            : "Grants, refusals and releases appear here as agents use seats."}
        </EmptyState>
      ) : (
        <>
          <HistoryTable events={items} />
          {events.isFetchNextPageError ? (
            <Alert variant="destructive" role="alert">
              <AlertDescription>Could not load more events: {errorMessage(events.error)}</AlertDescription>
            </Alert>
          ) : null}
          {events.hasNextPage ? (
            <div className="flex justify-center">
              <Button
                variant="outline"
                onClick={() => void events.fetchNextPage()}
                disabled={events.isFetchingNextPage}
              >
                {events.isFetchingNextPage ? "Loading…" : `Load ${PAGE_SIZE} more`}
              </Button>
            </div>
          ) : (
            <p className="text-center text-xs text-muted-foreground">That is every matching event.</p>
          )}
        </>
      )}
    </div>
  );
}
