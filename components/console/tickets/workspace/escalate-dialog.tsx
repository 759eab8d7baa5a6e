"use client";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { ArrowUpRightIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { escalateTicketInput, type EscalateTicketInput } from "@/lib/validation/tickets";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { NamedOptions, NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { DialogTrigger } from "@/components/ui/dialog";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import { useSeat } from "@/components/console/seat-provider";
import { useSeatRefusalRefresh } from "../use-console-write";
import type { ConsoleTicket, Lookups } from "../types";

const FIELDS = ["groupId", "assigneeId", "note"] as const;

/**
 * Escalate (or hand back) to another group, with a required note of why: the note is kept as
 * an internal work note, so the next group reads the reason in the conversation.
 */
export function EscalateDialog({
  ticket,
  lookups,
  onDone,
}: {
  ticket: ConsoleTicket;
  lookups: Lookups | undefined;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const { readOnly } = useSeat();
  const seatRefusal = useSeatRefusalRefresh();
  const [open, setOpen] = useState(false);
  const empty = { id: ticket.id, expectedVersion: ticket.version, groupId: "", assigneeId: null, note: "" };
  const form = useForm<EscalateTicketInput>({ resolver: zodResolver(escalateTicketInput), defaultValues: empty });
  const { formError, clearFormError, showServerError } = useFormError(form, FIELDS);
  const { errors } = form.formState;
  const groupId = useWatch({ control: form.control, name: "groupId" });
  const groups = (lookups?.groups ?? []).filter((g) => g.id !== ticket.group?.id);
  const members = groups.find((g) => g.id === groupId)?.members ?? [];

  const escalate = useMutation(
    trpc.consoleTickets.escalate.mutationOptions({
      onSuccess: () => {
        const name = groups.find((g) => g.id === groupId)?.name ?? "the group";
        toast.success(`${ticket.displayNumber} was sent to ${name}.`);
        form.reset(empty);
        setOpen(false);
        onDone();
      },
      onError: (error) => {
        seatRefusal(error);
        showServerError(error);
      },
    }),
  );

  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => {
        if (escalate.isPending) return;
        // Opening names the version on screen now; what was typed in the note stays while closed.
        if (next) form.setValue("expectedVersion", ticket.version);
        setOpen(next);
      }}
      trigger={
        <DialogTrigger asChild>
          <Button variant="outline" disabled={readOnly || ticket.status === "CLOSED" || ticket.status === "CANCELLED"}>
            <ArrowUpRightIcon aria-hidden /> Escalate to a group
          </Button>
        </DialogTrigger>
      }
      title={`Escalate ${ticket.displayNumber}`}
      description={
        `Now with ${ticket.group?.name ?? "no group"}. Say why it goes to the new group: ` +
        `your note is kept as an internal work note, never shown to the requester.`
      }
    >
      <DialogForm
        onSubmit={form.handleSubmit((values) => {
          clearFormError();
          escalate.mutate({ ...values, assigneeId: values.assigneeId || null });
        })}
        error={formError}
        pending={escalate.isPending}
        disabled={readOnly}
        onCancel={() => setOpen(false)}
        submitLabel="Escalate"
        pendingLabel="Escalating…"
      >
        <FormField id="escalate-group" label="Group" error={errors.groupId?.message}>
          <NativeSelect {...form.register("groupId", { onChange: () => form.setValue("assigneeId", null) })}>
            <NamedOptions items={groups} none="Choose a group…" />
          </NativeSelect>
        </FormField>
        <FormField
          id="escalate-assignee"
          label="Assignee (optional)"
          error={errors.assigneeId?.message}
          hint="Leave empty for the group to pick it up from its queue."
        >
          <NativeSelect
            disabled={!groupId}
            {...form.register("assigneeId", { setValueAs: (v: unknown) => (v ? v : null) })}
          >
            <NamedOptions items={members} none="Anyone in the group" />
          </NativeSelect>
        </FormField>
        <FormField id="escalate-note" label="Why (internal work note)" error={errors.note?.message}>
          <Textarea rows={4} placeholder="What was checked, and why this group" {...form.register("note")} />
        </FormField>
      </DialogForm>
    </FormDialog>
  );
}
