"use client";
import Link from "next/link";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { StatusBadge } from "@/components/tickets/status-badge";
import { PriorityBadge } from "@/components/tickets/priority-badge";
import { SlaBadge } from "../sla-badge";
import type { QueueItem } from "../types";
import { formatWhen } from "@/lib/date-time";

const none = <span className="text-muted-foreground">—</span>;

export const ticketHref = (displayNumber: string) => `/console/tickets/${encodeURIComponent(displayNumber)}`;

/** A page of a queue: each row links to the ticket's workspace. */
export function QueueTable({ items }: { items: QueueItem[] }) {
  return (
    <Table aria-label="Tickets">
      <TableHeader>
        <TableRow>
          <TableHead>Ticket</TableHead>
          <TableHead>Requester</TableHead>
          <TableHead>Group</TableHead>
          <TableHead>Assignee</TableHead>
          <TableHead>Priority</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>SLA</TableHead>
          <TableHead>Updated</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((t) => (
          <TableRow key={t.id} data-testid={`ticket-row-${t.displayNumber}`}>
            <TableCell className="max-w-96">
              <Link
                href={ticketHref(t.displayNumber)}
                className={
                  "font-medium hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                }
              >
                <span className="font-mono text-xs text-muted-foreground">{t.displayNumber}</span>
                <span className="block truncate">{t.title}</span>
              </Link>
            </TableCell>
            <TableCell>{t.requester.name}</TableCell>
            <TableCell>{t.group?.name ?? none}</TableCell>
            <TableCell>{t.assignee?.name ?? <span className="text-muted-foreground">Unassigned</span>}</TableCell>
            <TableCell>
              <PriorityBadge priority={t.priority} />
            </TableCell>
            <TableCell>
              <StatusBadge status={t.status} />
            </TableCell>
            <TableCell>
              <SlaBadge state={t.sla} dueAt={t.dueAt} />
            </TableCell>
            <TableCell className="whitespace-nowrap text-muted-foreground">
              <time dateTime={t.updatedAt.toISOString()}>{formatWhen(t.updatedAt)}</time>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
