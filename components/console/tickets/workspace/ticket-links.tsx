"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation } from "@tanstack/react-query";
import { XIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { toast } from "@/components/ui/toaster";
import { StatusBadge } from "@/components/tickets/status-badge";
import { useSeat } from "@/components/console/seat-provider";
import { useSeatRefusalRefresh } from "../use-console-write";
import { ticketHref } from "../queue/queue-table";
import type { ConsoleTicket } from "../types";

/** Linked tickets: a problem's incidents, a change's fixes, or what links here; add and remove. */
export function TicketLinks({ ticket, onChanged }: { ticket: ConsoleTicket; onChanged: () => void }) {
  const trpc = useTRPC();
  const { readOnly } = useSeat();
  const seatRefusal = useSeatRefusalRefresh();
  const [toRef, setToRef] = useState("");
  const [error, setError] = useState<string | null>(null);
  const link = useMutation(
    trpc.consoleTickets.link.mutationOptions({
      onSuccess: () => {
        toast.success(`Linked ${toRef.trim().toUpperCase()}.`);
        setToRef("");
        setError(null);
        onChanged();
      },
      onError: (e) => {
        seatRefusal(e);
        setError(fieldErrors(e).toRef ?? errorMessage(e));
      },
    }),
  );
  const unlink = useMutation(
    trpc.consoleTickets.unlink.mutationOptions({
      onSuccess: () => {
        toast.success("Link removed.");
        onChanged();
      },
      onError: (e) => {
        seatRefusal(e);
        toast.error(errorMessage(e));
      },
    }),
  );
  const canLink = ticket.type === "PROBLEM" || ticket.type === "CHANGE";

  return (
    <div className="grid gap-3">
      {ticket.links.length === 0 ? (
        <p className="text-sm text-muted-foreground">No linked tickets.</p>
      ) : (
        <ul className="grid gap-2" aria-label="Linked tickets">
          {ticket.links.map((l) => (
            <li key={l.id} className="flex items-center gap-2 text-sm">
              <span className="text-xs text-muted-foreground">{l.direction === "to" ? "Links" : "Linked from"}</span>
              <Link href={ticketHref(l.ticket.displayNumber)} className="min-w-0 flex-1 truncate hover:underline">
                <span className="font-mono text-xs">{l.ticket.displayNumber}</span> {l.ticket.title}
              </Link>
              <StatusBadge status={l.ticket.status as Parameters<typeof StatusBadge>[0]["status"]} />
              <Button
                size="icon"
                variant="ghost"
                className="size-7"
                aria-label={`Remove the link to ${l.ticket.displayNumber}`}
                disabled={readOnly || unlink.isPending}
                onClick={() => unlink.mutate({ linkId: l.id })}
              >
                <XIcon aria-hidden />
              </Button>
            </li>
          ))}
        </ul>
      )}
      {canLink ? (
        <form
          noValidate
          className="flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!toRef.trim()) return setError("Enter a ticket number, like INC-000123");
            link.mutate({ fromId: ticket.id, toRef });
          }}
        >
          <FormField
            id="link-to"
            label={ticket.type === "PROBLEM" ? "Link an incident" : "Link what this change fixes"}
            error={error ?? undefined}
            className="flex-1"
          >
            <Input
              placeholder="INC-000123"
              value={toRef}
              disabled={readOnly || link.isPending}
              onChange={(e) => setToRef(e.target.value)}
            />
          </FormField>
          <Button type="submit" variant="outline" disabled={readOnly || link.isPending}>
            Link
          </Button>
        </form>
      ) : null}
    </div>
  );
}
