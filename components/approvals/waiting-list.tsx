"use client";
import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

const RISK = ["", "Low", "Medium", "High"];

/** "Waiting for my approval": the changes a person is asked to decide now, oldest first. */
export function WaitingList() {
  const trpc = useTRPC();
  const [page, setPage] = useState(1);
  const query = useQuery({ ...trpc.approvals.waiting.queryOptions({ page }), placeholderData: keepPreviousData });
  if (query.isError)
    return (
      <Alert variant="destructive" role="alert">
        <AlertDescription>Could not load your approvals: {errorMessage(query.error)}</AlertDescription>
      </Alert>
    );
  if (!query.data)
    return (
      <p className="py-6 text-center text-sm text-muted-foreground" role="status">
        Loading…
      </p>
    );
  const { items, hasMore } = query.data;
  if (items.length === 0 && page === 1)
    return (
      <EmptyState title="Nothing waits for your approval">Changes you are asked to approve appear here.</EmptyState>
    );
  return (
    <div className="space-y-3">
      <Table aria-label="Waiting for my approval" aria-busy={query.isFetching}>
        <TableHeader>
          <TableRow>
            <TableHead>Change</TableHead>
            <TableHead>Kind and risk</TableHead>
            <TableHead>Planned</TableHead>
            <TableHead>Asked</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((a) => (
            <TableRow key={a.approvalId}>
              <TableCell>
                <Link
                  href={`/portal/approvals/${a.approvalId}`}
                  className="font-medium underline-offset-2 hover:underline"
                >
                  {a.displayNumber} · {a.title}
                </Link>
                {a.groupName ? <span className="block text-xs text-muted-foreground">for {a.groupName}</span> : null}
              </TableCell>
              <TableCell>
                {a.kind.toLowerCase()} · {RISK[a.risk]} risk
                {a.afterTheFact ? (
                  <Badge variant="warning" className="ml-2">
                    After the fact
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell>{a.plannedStart ? formatWhen(a.plannedStart) : "not planned"}</TableCell>
              <TableCell>{formatWhen(a.requestedAt)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {page > 1 || hasMore ? (
        <nav aria-label="Pages of approvals" className="flex justify-end gap-2">
          <Button size="sm" variant="outline" disabled={page === 1} onClick={() => setPage(page - 1)}>
            Previous
          </Button>
          <Button size="sm" variant="outline" disabled={!hasMore} onClick={() => setPage(page + 1)}>
            Next
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
