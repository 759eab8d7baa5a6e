"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { PagedQueryState, useCursorPager } from "@/components/admin/shared/cursor-pager";
import { TICKETS_PAGE_SIZE, type QueueView } from "@/lib/validation/tickets";
import { QueueTabs, QUEUE_TABS } from "./queue-tabs";
import { EMPTY_FILTERS, isFiltered, QueueFilters, type QueueFilterState } from "./queue-filters";
import { QueueTable } from "./queue-table";
import { QUEUE_COUNT_CAP } from "@/lib/tickets/queue-count-cap";

const EMPTY_TEXT: Record<QueueView, string> = {
  mine: "Nothing is assigned to you. Pick up a ticket from your groups' unassigned queue.",
  "my-groups-unassigned": "Every ticket of your groups has someone working on it.",
  open: "No open tickets.",
  breaching: "No ticket is due within the hour or overdue.",
  all: "No tickets yet.",
};

/**
 * The console's queues: tabs with their counts, filters, order, full-text search (debounced),
 * and a cursor pager. Reading needs no seat, so this works in the read-only console too.
 */
export function ConsoleQueues({ initialView = "mine" }: { initialView?: QueueView }) {
  const trpc = useTRPC();
  const [view, setViewState] = useState<QueueView>(initialView);
  // The tab is kept in the address, so a reload or a shared link opens the same queue.
  const setView = (next: QueueView) => {
    setViewState(next);
    const url = new URL(window.location.href);
    url.searchParams.set("view", next);
    window.history.replaceState(null, "", url);
  };
  const [filters, setFilters] = useState<QueueFilterState>(EMPTY_FILTERS);
  const search = useDebouncedValue(filters.search.trim());
  const filterInput = {
    search: search || undefined,
    types: filters.type ? [filters.type] : undefined,
    statuses: filters.status ? [filters.status] : undefined,
    priorities: filters.priority ? [filters.priority] : undefined,
    groupId: filters.groupId || undefined,
    assigneeId: filters.assigneeId || undefined,
  };
  // A new queue, filter or order starts again from the first page.
  const pager = useCursorPager(JSON.stringify([view, filters.sort, filterInput]));
  const lookups = useQuery(trpc.consoleTickets.lookups.queryOptions(undefined, { staleTime: 60_000 }));
  const counts = useQuery(trpc.consoleTickets.counts.queryOptions(filterInput, { placeholderData: keepPreviousData }));
  const query = useQuery(
    trpc.consoleTickets.queue.queryOptions(
      { ...filterInput, view, sort: filters.sort, cursor: pager.cursor, limit: TICKETS_PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );
  const label = QUEUE_TABS.find((t) => t.view === view)!.label;

  return (
    <div className="space-y-4">
      <QueueFilters value={filters} onChange={setFilters} lookups={lookups.data} />
      <QueueTabs view={view} counts={counts.data} onChange={setView} />
      <div id="queue-panel" role="tabpanel" aria-labelledby={`queue-tab-${view}`}>
        <PagedQueryState
          pager={pager}
          pageSize={TICKETS_PAGE_SIZE}
          noun="tickets"
          totalCap={QUEUE_COUNT_CAP}
          total={(data) => counts.data?.[view] ?? data.items.length}
          query={query}
          errorTitle="The tickets could not be loaded"
          loadingLabel="Loading tickets…"
          empty={
            isFiltered(filters)
              ? {
                  title: `No tickets in “${label}” match these filters`,
                  description: "Try another search, or clear the filters.",
                }
              : { title: `“${label}” is empty`, description: EMPTY_TEXT[view] }
          }
        >
          {(data) => (
            <>
              <QueueTable items={data.items} />
            </>
          )}
        </PagedQueryState>
      </div>
    </div>
  );
}
