"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { TICKET_TYPE_LABEL } from "@/lib/validation/tickets";
import type { PortalTicketView } from "@/server/tickets/portal-view";
import { Card, CardContent, CardHeader } from "@/components/ui/card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { StatusBadge } from "@/components/tickets/status-badge";
import { PlainText } from "@/components/tickets/plain-text";
import { AttachmentList } from "@/components/tickets/attachment-list";
import { Conversation } from "./conversation";
import { ReplyForm } from "./reply-form";
import { ResolutionPanel } from "./resolution-panel";
import { formatWhen } from "@/lib/date-time";
import { BackLink } from "@/components/ui/back-link";

/** One ticket in the portal: what was asked, where it stands, the public conversation, what to do next. */
export function PortalTicket({ initial, maxBytes }: { initial: PortalTicketView; maxBytes: number }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.portalTickets.get.queryOptions({ ref: initial.id }, { initialData: initial }));
  const ticket = query.data;
  const finished = ticket.status === "CLOSED" || ticket.status === "CANCELLED";

  return (
    <div className="space-y-6">
      <BackLink href="/portal">My tickets</BackLink>
      <Card>
        <CardHeader className="gap-3">
          <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <span className="font-medium text-foreground">{ticket.displayNumber}</span>
            <span aria-hidden>·</span>
            <span>{TICKET_TYPE_LABEL[ticket.type]}</span>
            <StatusBadge status={ticket.status} />
          </div>
          <h1 className="break-words text-2xl font-semibold" data-testid="ticket-title">
            {ticket.title}
          </h1>
          <dl className="flex flex-wrap gap-x-6 gap-y-1 text-xs text-muted-foreground">
            <div>
              <dt className="inline">Opened </dt>
              <dd className="inline">{formatWhen(ticket.createdAt)}</dd>
            </div>
            <div>
              <dt className="inline">Last update </dt>
              <dd className="inline">{formatWhen(ticket.updatedAt)}</dd>
            </div>
            {ticket.category ? (
              <div>
                <dt className="inline">Category </dt>
                <dd className="inline">{ticket.category.name}</dd>
              </div>
            ) : null}
            {ticket.assignee ? (
              <div>
                <dt className="inline">Handled by </dt>
                <dd className="inline">{ticket.assignee.name}</dd>
              </div>
            ) : null}
          </dl>
        </CardHeader>
        <CardContent className="space-y-3">
          <PlainText text={ticket.description} />
          <AttachmentList attachments={ticket.attachments} label="Files attached to the ticket" />
        </CardContent>
      </Card>

      {ticket.status === "RESOLVED" ? <ResolutionPanel ticketId={ticket.id} resolvedAt={ticket.resolvedAt} /> : null}

      <section aria-labelledby="conversation-heading" className="space-y-3">
        <h2 id="conversation-heading" className="text-lg font-semibold">
          Conversation
        </h2>
        <Conversation comments={ticket.comments} requesterId={ticket.requesterId} />
      </section>

      {finished ? (
        <Alert>
          <AlertDescription>
            This ticket is {ticket.status === "CLOSED" ? "closed" : "cancelled"} and takes no more replies. If you need
            more help,{" "}
            <Link href={`/portal/new?type=${ticket.type}`} className="text-primary underline underline-offset-2">
              open a new ticket
            </Link>{" "}
            and mention {ticket.displayNumber}.
          </AlertDescription>
        </Alert>
      ) : (
        <ReplyForm ticketId={ticket.id} maxBytes={maxBytes} />
      )}
    </div>
  );
}
