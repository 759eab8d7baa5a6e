"use client";
import { ModuleNote } from "../module-note";
import { ChangePanel } from "../change-panel";
import { ProblemPanel } from "../problem-panel";
import { useState } from "react";
import Link from "next/link";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { TICKET_TYPE_LABEL } from "@/lib/validation/tickets";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { StatusBadge } from "@/components/tickets/status-badge";
import { PriorityBadge } from "@/components/tickets/priority-badge";
import { AttachmentList } from "@/components/tickets/attachment-list";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { TicketFieldsForm } from "./ticket-fields-form";
import { EscalateDialog } from "./escalate-dialog";
import { Composer } from "./composer";
import { Conversation } from "./conversation";
import { HistoryTimeline } from "./history-timeline";
import { TicketLinks } from "./ticket-links";
import { SlaPanel } from "./sla-panel";
import { formatWhen } from "@/lib/date-time";
import type { ConsoleTicket } from "../types";
import { BackLink } from "@/components/ui/back-link";

/**
 * One ticket in the console: fields (with stale-edit protection), escalation, the conversation
 * with a reply / work-note composer, links, SLA clocks and the history. Readable without a seat;
 * every write control is disabled then, with the reason beside it.
 */
export function TicketWorkspace({ ticketRef, maxAttachmentBytes }: { ticketRef: string; maxAttachmentBytes: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.consoleTickets.get.queryOptions({ ref: ticketRef }));
  const lookups = useQuery(trpc.consoleTickets.lookups.queryOptions(undefined, { staleTime: 60_000 }));
  // The fields form restarts for each version of the ticket (and when asked to, after a stale save).
  const [formGeneration, setFormGeneration] = useState(0);
  const showFresh = (fresh: ConsoleTicket | null) => {
    if (fresh) queryClient.setQueryData(trpc.consoleTickets.get.queryKey({ ref: ticketRef }), fresh);
    else void query.refetch();
    setFormGeneration((g) => g + 1);
  };
  const changed = () => {
    void query.refetch();
    void queryClient.invalidateQueries({ queryKey: trpc.consoleTickets.queue.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.consoleTickets.counts.queryKey() });
  };

  if (query.isPending)
    return (
      <p className="py-10 text-center text-sm text-muted-foreground" role="status">
        Loading the ticket…
      </p>
    );
  if (query.isError) {
    if (query.error.data?.code === "NOT_FOUND") {
      return (
        <EmptyState title="Ticket not found">
          {query.error.message}{" "}
          <Link href="/console" className="underline">
            Back to the queues
          </Link>
        </EmptyState>
      );
    }
    return (
      <LoadErrorAlert title="The ticket could not be loaded" error={query.error} onRetry={() => void query.refetch()} />
    );
  }
  const t = query.data;
  const closed = t.status === "CLOSED" || t.status === "CANCELLED";

  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <BackLink href="/console">Queues</BackLink>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <p className="font-mono text-sm text-muted-foreground">
              {t.displayNumber} · {TICKET_TYPE_LABEL[t.type]}
            </p>
            <h1 className="text-2xl font-semibold break-words">{t.title}</h1>
            <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
              <StatusBadge status={t.status} />
              <PriorityBadge priority={t.priority} />
              <span className="text-muted-foreground" data-testid="ticket-summary">
                for <span className="text-foreground">{t.requester.name}</span> ({t.requester.email}) ·{" "}
                {t.group?.name ?? "no group"} · {t.assignee?.name ?? "unassigned"} · opened {formatWhen(t.createdAt)}
              </span>
            </div>
          </div>
          <EscalateDialog ticket={t} lookups={lookups.data} onDone={changed} />
        </div>
        <ModuleNote ticketType={t.type} />
      </div>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="space-y-6">
          {t.type === "CHANGE" ? <ChangePanel ticketId={t.id} onChanged={changed} /> : null}
          {t.type === "PROBLEM" ? <ProblemPanel ticketId={t.id} onChanged={changed} /> : null}
          <Card>
            <CardHeader>
              <CardTitle>Details</CardTitle>
            </CardHeader>
            <CardContent className="space-y-4">
              <AttachmentList attachments={t.attachments} label="Files attached to the ticket" />
              <TicketFieldsForm
                key={`${t.id}:${t.version}:${formGeneration}`}
                ticket={t}
                lookups={lookups.data}
                onFresh={showFresh}
              />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Conversation</CardTitle>
            </CardHeader>
            <CardContent className="space-y-4">
              <Conversation comments={t.comments} requesterId={t.requesterId} />
              <Composer
                key={t.id}
                ticketId={t.id}
                requesterName={t.requester.name}
                closed={closed}
                maxBytes={maxAttachmentBytes}
                onSent={changed}
              />
            </CardContent>
          </Card>
        </div>
        <div className="space-y-6">
          <Card>
            <CardHeader>
              <CardTitle>SLA</CardTitle>
            </CardHeader>
            <CardContent>
              <SlaPanel ticket={t} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Links</CardTitle>
            </CardHeader>
            <CardContent>
              <TicketLinks ticket={t} onChanged={changed} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>History</CardTitle>
            </CardHeader>
            <CardContent>
              <HistoryTimeline history={t.history} createdAt={t.createdAt} requesterName={t.requester.name} />
            </CardContent>
          </Card>
        </div>
      </div>
    </div>
  );
}
