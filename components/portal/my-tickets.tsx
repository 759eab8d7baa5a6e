"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { TICKET_TYPE_LABEL, TICKETS_PAGE_SIZE } from "@/lib/validation/tickets";
import { DataTable, TableCell } from "@/components/ui/table";
import { PagedQueryState, useCursorPager } from "@/components/admin/shared/cursor-pager";
import { StatusBadge } from "@/components/tickets/status-badge";
import { formatWhen } from "@/lib/date-time";

/** "My tickets": the signed-in person's own tickets, last updated first, a page at a time. */
export function MyTickets() {
  const trpc = useTRPC();
  const pager = useCursorPager("mine");
  const query = useQuery(
    trpc.portalTickets.list.queryOptions(
      { cursor: pager.cursor, limit: TICKETS_PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );

  return (
    <PagedQueryState
      pager={pager}
      pageSize={TICKETS_PAGE_SIZE}
      noun="tickets"
      query={query}
      errorTitle="Your tickets could not be loaded"
      loadingLabel="Loading your tickets…"
      empty={{
        title: "No tickets yet",
        description:
          "When you report a problem or ask for something, it shows up here with its status and latest update.",
      }}
    >
      {(data) => (
        <>
          <DataTable
            columns={["Ticket", "Title", "Status", "Last update"]}
            rows={data.items}
            rowKey={(t) => t.id}
            rowTestId={(t) => `my-ticket-${t.displayNumber}`}
            cells={(t) => (
              <>
                <TableCell className="whitespace-nowrap">
                  <Link
                    href={`/portal/tickets/${t.displayNumber}`}
                    className="font-medium text-primary underline-offset-4 hover:underline"
                  >
                    {t.displayNumber}
                  </Link>
                  <div className="text-xs text-muted-foreground">{TICKET_TYPE_LABEL[t.type]}</div>
                </TableCell>
                <TableCell className="max-w-md">
                  <Link
                    href={`/portal/tickets/${t.displayNumber}`}
                    className="line-clamp-2 break-words hover:underline"
                    tabIndex={-1}
                  >
                    {t.title}
                  </Link>
                </TableCell>
                <TableCell>
                  <StatusBadge status={t.status} />
                </TableCell>
                <TableCell className="whitespace-nowrap text-muted-foreground">{formatWhen(t.updatedAt)}</TableCell>
              </>
            )}
          />
        </>
      )}
    </PagedQueryState>
  );
}
