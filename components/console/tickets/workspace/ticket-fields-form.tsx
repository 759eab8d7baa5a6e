"use client";
import { useEffect, useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC, useTRPCClient } from "@/lib/trpc/react";
import { applyServerErrors, errorDetails, errorMessage } from "@/lib/trpc/errors";
import {
  consoleTicketFieldsForm,
  TICKET_STATUS_LABEL,
  TICKET_STATUSES,
  type ConsoleTicketFields,
} from "@/lib/validation/tickets";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { NamedOptions, NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { toast } from "@/components/ui/toaster";
import { FormError } from "@/components/ui/form-error";
import { useSeat } from "@/components/console/seat-provider";
import { readDraft, removeDraft, writeDraft } from "../use-session-draft";
import { useSeatRefusalRefresh } from "../use-console-write";
import { ReadOnlyNote } from "../read-only-note";
import { LevelOptions } from "../level-options";
import type { ConsoleTicket, Lookups, StaleEditDetails } from "../types";
import { changesFrom, fieldsOf, rebase } from "./field-values";
import { StaleEditAlert } from "./stale-edit-alert";

const FIELDS = ["title", "description", "status", "impact", "urgency", "categoryId", "assigneeId"] as const;
type Draft = { version: number; base: ConsoleTicketFields; values: ConsoleTicketFields };
const draftKey = (ticketId: string) => `seatdesk:ticket-fields:${ticketId}`;

/**
 * The ticket's editable fields. Save sends only what the agent changed, with the version they
 * started from; a stale save comes back CONFLICT and shows what changed and by whom, keeping the
 * agent's edits. Edits are kept in sessionStorage until saved (a lost seat or a reload loses nothing).
 */
export function TicketFieldsForm({
  ticket,
  lookups,
  onFresh,
}: {
  ticket: ConsoleTicket;
  lookups: Lookups | undefined;
  /** Shows a ticket fetched just now and remounts this form, which then starts from its draft or the ticket. */
  onFresh: (fresh: ConsoleTicket | null) => void;
}) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const { readOnly } = useSeat();
  const seatRefusal = useSeatRefusalRefresh();
  const key = draftKey(ticket.id);
  // The parent remounts this form for each new version of the ticket: it starts from the
  // agent's draft when there is one (edits survive a reload or a lost seat), else the ticket.
  const [start] = useState<Draft>(
    () => readDraft<Draft>(key) ?? { version: ticket.version, base: fieldsOf(ticket), values: fieldsOf(ticket) },
  );
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ message: string; details: StaleEditDetails } | null>(null);
  const form = useForm<ConsoleTicketFields>({
    resolver: zodResolver(consoleTicketFieldsForm),
    defaultValues: start.values,
  });
  const { errors } = form.formState;
  const values = { ...start.base, ...(useWatch({ control: form.control }) as Partial<ConsoleTicketFields>) };
  const changes = changesFrom(start.base, values);
  const dirty = Object.keys(changes).length > 0;
  const valuesJson = JSON.stringify(values);

  // Keep the draft while there is something unsaved (it only reruns when the values change, so
  // it never rewrites a draft a save or a conflict resolution has just replaced).
  useEffect(() => {
    if (dirty)
      writeDraft(key, {
        version: start.version,
        base: start.base,
        values: JSON.parse(valuesJson) as ConsoleTicketFields,
      } satisfies Draft);
    else removeDraft(key);
  }, [dirty, valuesJson, start, key]);

  const update = useMutation(
    trpc.consoleTickets.update.mutationOptions({
      onSuccess: (result) => {
        removeDraft(key);
        toast.success(result.changed.length ? `${ticket.displayNumber} saved.` : "Nothing changed.");
        onFresh(null);
        void queryClient.invalidateQueries({ queryKey: trpc.consoleTickets.queue.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.consoleTickets.counts.queryKey() });
      },
      onError: (error) => {
        if (seatRefusal(error)) return setFormError(errorMessage(error));
        const stale = errorDetails<StaleEditDetails>(error);
        if (stale && "currentVersion" in stale) return setConflict({ message: errorMessage(error), details: stale });
        setFormError(applyServerErrors(form, error, FIELDS));
      },
    }),
  );

  const [reloading, setReloading] = useState(false);
  /** After a stale save: keep the agent's edits on top of the current ticket, or drop them. */
  const resolveConflict = async (keepMine: boolean) => {
    setReloading(true);
    try {
      const fresh = await client.consoleTickets.get.query({ ref: ticket.id });
      if (keepMine)
        writeDraft(key, {
          version: fresh.version,
          base: fieldsOf(fresh),
          values: rebase(start.base, values, fieldsOf(fresh)),
        } satisfies Draft);
      else removeDraft(key);
      onFresh(fresh);
    } catch (error) {
      setFormError(errorMessage(error));
      setReloading(false);
    }
  };

  const members = lookups?.groups.find((g) => g.id === ticket.group?.id)?.members ?? [];
  const me = lookups?.me;
  const closed = ticket.status === "CLOSED" || ticket.status === "CANCELLED";

  return (
    <form
      noValidate
      aria-label="Ticket fields"
      className="grid gap-4"
      onSubmit={form.handleSubmit((submitted) => {
        setFormError(null);
        const sent = changesFrom(start.base, submitted);
        if (Object.keys(sent).length === 0) return void toast("Nothing to save: no field was changed.");
        update.mutate({ id: ticket.id, expectedVersion: start.version, changes: sent });
      })}
    >
      {conflict ? (
        <StaleEditAlert
          message={conflict.message}
          details={conflict.details}
          busy={reloading}
          onKeepMine={() => void resolveConflict(true)}
          onLoadTheirs={() => void resolveConflict(false)}
        />
      ) : null}
      <FormError message={formError} />
      {!conflict && dirty && start.version < ticket.version ? (
        <p className="text-xs font-medium" role="status">
          This ticket changed since you started editing; saving will show you what changed first.
        </p>
      ) : null}
      <fieldset disabled={readOnly || update.isPending || closed} className="grid gap-4 sm:grid-cols-2">
        <FormField id="ticket-title" label="Title" error={errors.title?.message} className="sm:col-span-2">
          <Input autoComplete="off" {...form.register("title")} />
        </FormField>
        <FormField
          id="ticket-description"
          label="Description"
          error={errors.description?.message}
          className="sm:col-span-2"
        >
          <Textarea rows={6} {...form.register("description")} />
        </FormField>
        <FormField id="ticket-status" label="Status" error={errors.status?.message}>
          <NativeSelect {...form.register("status")}>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {TICKET_STATUS_LABEL[s]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="ticket-category" label="Category" error={errors.categoryId?.message}>
          <NativeSelect {...form.register("categoryId")}>
            <NamedOptions items={lookups?.categories ?? []} none="None" />
          </NativeSelect>
        </FormField>
        <FormField id="ticket-impact" label="Impact" error={errors.impact?.message}>
          <NativeSelect {...form.register("impact", { valueAsNumber: true })}>
            <LevelOptions />
          </NativeSelect>
        </FormField>
        <FormField id="ticket-urgency" label="Urgency" error={errors.urgency?.message}>
          <NativeSelect {...form.register("urgency", { valueAsNumber: true })}>
            <LevelOptions />
          </NativeSelect>
        </FormField>
        <FormField
          id="ticket-assignee"
          label={`Assignee${ticket.group ? ` (${ticket.group.name})` : ""}`}
          error={errors.assigneeId?.message}
        >
          <NativeSelect {...form.register("assigneeId")}>
            <option value="">Unassigned</option>
            {/* The current assignee stays listed even if they left the group since. */}
            {ticket.assignee && !members.some((m) => m.id === ticket.assignee!.id) ? (
              <option value={ticket.assignee.id}>{ticket.assignee.name}</option>
            ) : null}
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
                {m.id === me ? " (me)" : ""}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <div className="flex items-end">
          {me && members.some((m) => m.id === me) && values.assigneeId !== me ? (
            <Button
              type="button"
              variant="outline"
              size="sm"
              onClick={() => form.setValue("assigneeId", me, { shouldDirty: true })}
            >
              Assign to me
            </Button>
          ) : null}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={readOnly || update.isPending || closed || !dirty}>
          {update.isPending ? "Saving…" : "Save changes"}
        </Button>
        {dirty && !readOnly ? (
          <Button type="button" variant="ghost" onClick={() => form.reset(start.base)} disabled={update.isPending}>
            Undo my edits
          </Button>
        ) : null}
        {dirty ? (
          <span className="text-xs text-muted-foreground" data-testid="unsaved-fields">
            Unsaved:{" "}
            {Object.keys(changes)
              .map((k) => k.replace(/Id$/, ""))
              .join(", ")}
          </span>
        ) : null}
        {closed ? (
          <span className="text-xs text-muted-foreground">
            This ticket is {ticket.status === "CLOSED" ? "closed" : "cancelled"}: its fields no longer change.
          </span>
        ) : null}
      </div>
      <ReadOnlyNote />
    </form>
  );
}
