"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { createTicketInput, TICKET_TYPE_LABEL, TICKET_TYPES, type CreateTicketInput } from "@/lib/validation/tickets";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { NamedOptions, NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { DialogTrigger } from "@/components/ui/dialog";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import { useSeat } from "@/components/console/seat-provider";
import { useSeatRefusalRefresh } from "./use-console-write";
import { ReadOnlyNote } from "./read-only-note";
import { ticketHref } from "./queue/queue-table";
import { LevelOptions } from "./level-options";

const EMPTY: CreateTicketInput = {
  type: "INCIDENT",
  title: "",
  description: "",
  impact: 3,
  urgency: 2,
  categoryId: null,
  groupId: null,
  assigneeId: null,
  requesterId: null,
};
const FIELDS = [
  "type",
  "title",
  "description",
  "impact",
  "urgency",
  "categoryId",
  "groupId",
  "assigneeId",
  "requesterId",
] as const;
const orNull = (v: unknown) => (v === "" || v === undefined ? null : v);

/** "New ticket" in the console: any type, on behalf of any active person, in any group. */
export function NewTicketDialog() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { readOnly } = useSeat();
  const seatRefusal = useSeatRefusalRefresh();
  const [open, setOpen] = useState(false);
  const [personSearch, setPersonSearch] = useState("");
  const search = useDebouncedValue(personSearch.trim());
  const form = useForm<CreateTicketInput>({ resolver: zodResolver(createTicketInput), defaultValues: EMPTY });
  const { formError, clearFormError, showServerError } = useFormError(form, FIELDS);
  const { errors } = form.formState;
  const lookups = useQuery(trpc.consoleTickets.lookups.queryOptions(undefined, { enabled: open, staleTime: 60_000 }));
  const people = useQuery(trpc.consoleTickets.people.queryOptions({ search }, { enabled: open && search.length > 1 }));
  const groupId = useWatch({ control: form.control, name: "groupId" });
  const group = lookups.data?.groups.find((g) => g.id === groupId);

  const create = useMutation(
    trpc.consoleTickets.create.mutationOptions({
      onSuccess: (ticket) => {
        toast.success(`${ticket.displayNumber} opened.`);
        form.reset(EMPTY);
        setOpen(false);
        void queryClient.invalidateQueries({ queryKey: trpc.consoleTickets.queue.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.consoleTickets.counts.queryKey() });
        router.push(ticketHref(ticket.displayNumber));
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
      onOpenChange={(next) => !create.isPending && setOpen(next)}
      trigger={
        <div className="grid justify-items-end gap-1">
          <DialogTrigger asChild>
            <Button disabled={readOnly}>
              <PlusIcon aria-hidden /> New ticket
            </Button>
          </DialogTrigger>
          <ReadOnlyNote what="open tickets" />
        </div>
      }
      className="max-h-[90vh] overflow-y-auto sm:max-w-2xl"
      title="New ticket"
      description="Open a ticket for someone who called or wrote. Without a group it goes to the Service Desk."
    >
      <DialogForm
        onSubmit={form.handleSubmit((values) => {
          clearFormError();
          create.mutate(values);
        })}
        error={formError}
        pending={create.isPending}
        disabled={readOnly}
        fieldsClassName="sm:grid-cols-2"
        onCancel={() => setOpen(false)}
        submitLabel="Open ticket"
        pendingLabel="Opening…"
      >
        <FormField
          id="new-ticket-person-search"
          label="Find the requester"
          hint="Name or email; leave empty to open it for yourself."
        >
          <Input
            type="search"
            autoComplete="off"
            value={personSearch}
            onChange={(e) => setPersonSearch(e.target.value)}
          />
        </FormField>
        <FormField id="new-ticket-requester" label="Requester" error={errors.requesterId?.message}>
          <NativeSelect {...form.register("requesterId", { setValueAs: orNull })}>
            <option value="">Me</option>
            {(people.data ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.email})
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="new-ticket-type" label="Type" error={errors.type?.message}>
          <NativeSelect {...form.register("type")}>
            {TICKET_TYPES.map((t) => (
              <option key={t} value={t}>
                {TICKET_TYPE_LABEL[t]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="new-ticket-category" label="Category" error={errors.categoryId?.message}>
          <NativeSelect {...form.register("categoryId", { setValueAs: orNull })}>
            <NamedOptions items={lookups.data?.categories ?? []} none="None" />
          </NativeSelect>
        </FormField>
        <FormField id="new-ticket-title" label="Title" error={errors.title?.message} className="sm:col-span-2">
          <Input autoComplete="off" {...form.register("title")} />
        </FormField>
        <FormField
          id="new-ticket-description"
          label="Description"
          error={errors.description?.message}
          className="sm:col-span-2"
        >
          <Textarea rows={5} {...form.register("description")} />
        </FormField>
        <FormField id="new-ticket-impact" label="Impact" error={errors.impact?.message}>
          <NativeSelect {...form.register("impact", { valueAsNumber: true })}>
            <LevelOptions />
          </NativeSelect>
        </FormField>
        <FormField id="new-ticket-urgency" label="Urgency" error={errors.urgency?.message}>
          <NativeSelect {...form.register("urgency", { valueAsNumber: true })}>
            <LevelOptions />
          </NativeSelect>
        </FormField>
        <FormField id="new-ticket-group" label="Group" error={errors.groupId?.message}>
          <NativeSelect
            {...form.register("groupId", { setValueAs: orNull, onChange: () => form.setValue("assigneeId", null) })}
          >
            <NamedOptions items={lookups.data?.groups ?? []} none="Service Desk (default)" />
          </NativeSelect>
        </FormField>
        <FormField
          id="new-ticket-assignee"
          label="Assignee"
          error={errors.assigneeId?.message}
          hint={group ? undefined : "Choose a group to assign someone."}
        >
          <NativeSelect disabled={!group} {...form.register("assigneeId", { setValueAs: orNull })}>
            <NamedOptions items={group?.members ?? []} none="Unassigned" />
          </NativeSelect>
        </FormField>
      </DialogForm>
    </FormDialog>
  );
}
