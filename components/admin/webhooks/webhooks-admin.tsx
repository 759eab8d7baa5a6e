"use client";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { applyServerErrors, errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import {
  createWebhookInput,
  WEBHOOK_EVENT_LABEL,
  WEBHOOK_EVENTS,
  type CreateWebhookInput,
  type WebhookEvent,
} from "@/lib/webhooks";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { FormErrorAlert } from "@/components/admin/shared/dialog-form-parts";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";

/** Webhook endpoints: create (the signing key shown once), pause or resume, and their deliveries. */
export function WebhooksAdmin() {
  const trpc = useTRPC();
  const query = useQuery(trpc.adminWebhooks.list.queryOptions());
  return (
    <div className="space-y-6">
      <NewEndpointForm />
      {query.isError ? (
        <LoadErrorAlert
          title="The webhooks could not be loaded"
          error={query.error}
          onRetry={() => void query.refetch()}
        />
      ) : query.isPending ? (
        <p className="py-10 text-center text-sm text-muted-foreground" role="status">
          Loading webhooks…
        </p>
      ) : query.data.length === 0 ? (
        <EmptyState title="No webhook endpoints yet">
          Add one above to tell another system about ticket events.
        </EmptyState>
      ) : (
        query.data.map((e) => <EndpointCard key={e.id} endpoint={e} />)
      )}
    </div>
  );
}

function NewEndpointForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const [key, setKey] = useState<string | null>(null);
  const form = useForm<CreateWebhookInput>({
    resolver: zodResolver(createWebhookInput),
    defaultValues: { name: "", url: "", events: ["TICKET_CREATED"], includeInternalNotes: false },
  });
  const events = useWatch({ control: form.control, name: "events" }) ?? [];
  const create = useMutation(
    trpc.adminWebhooks.create.mutationOptions({
      onSuccess: (r) => {
        setKey(r.signingKey);
        toast.success(`Endpoint ${r.name} added: copy its signing key now.`);
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.adminWebhooks.list.queryKey() });
      },
      onError: (error) => setFormError(applyServerErrors(form, error, ["name", "url", "events"])),
    }),
  );
  const toggle = (event: WebhookEvent) =>
    form.setValue("events", events.includes(event) ? events.filter((e) => e !== event) : [...events, event], {
      shouldValidate: true,
    });
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>New endpoint</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        {key ? (
          <Alert role="status">
            <AlertTitle>The signing key: copy it now, it is not shown again</AlertTitle>
            <AlertDescription>
              <code className="break-all select-all">{key}</code>
              <div className="mt-2">
                <Button size="sm" variant="ghost" onClick={() => setKey(null)}>
                  Done
                </Button>
              </div>
            </AlertDescription>
          </Alert>
        ) : null}
        <form
          noValidate
          className="grid gap-3"
          onSubmit={form.handleSubmit((values) => {
            setFormError(null);
            create.mutate(values);
          })}
        >
          <FormErrorAlert message={formError} />
          <fieldset disabled={create.isPending} className="grid gap-3 md:grid-cols-2">
            <FormField id="webhook-name" label="Name" error={errors.name?.message}>
              <Input autoComplete="off" {...form.register("name")} />
            </FormField>
            <FormField id="webhook-url" label="Address (https://…)" error={errors.url?.message}>
              <Input autoComplete="off" type="url" {...form.register("url")} />
            </FormField>
          </fieldset>
          <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
            <legend className="mb-1 text-sm font-medium">Events</legend>
            {WEBHOOK_EVENTS.map((event) => (
              <label key={event} className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" checked={events.includes(event)} onChange={() => toggle(event)} />
                {WEBHOOK_EVENT_LABEL[event]}
              </label>
            ))}
            {errors.events?.message ? (
              <p className="w-full text-sm text-destructive" role="alert">
                {errors.events.message}
              </p>
            ) : null}
          </fieldset>
          <label className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" {...form.register("includeInternalNotes")} />
            Allowed to see internal work notes
          </label>
          <div>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Adding…" : "Add endpoint"}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

type Endpoint = {
  id: string;
  name: string;
  url: string;
  events: string[];
  includeInternalNotes: boolean;
  active: boolean;
};

function EndpointCard({ endpoint }: { endpoint: Endpoint }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const deliveries = useQuery(trpc.adminWebhooks.deliveries.queryOptions({ endpointId: endpoint.id, cursor }));
  const setActive = useMutation(
    trpc.adminWebhooks.setActive.mutationOptions({
      onSuccess: (_r, input) => {
        toast.success(
          input.active ? `${endpoint.name} resumed.` : `${endpoint.name} paused: nothing new is queued for it.`,
        );
        void queryClient.invalidateQueries({ queryKey: trpc.adminWebhooks.list.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Card>
      <CardHeader className="flex flex-row flex-wrap items-start justify-between gap-2">
        <div>
          <CardTitle className="flex items-center gap-2">
            {endpoint.name}
            {endpoint.active ? null : <Badge variant="secondary">Paused</Badge>}
            {endpoint.includeInternalNotes ? <Badge variant="outline">Internal notes</Badge> : null}
          </CardTitle>
          <p className="break-all text-sm text-muted-foreground">
            {endpoint.url} · {endpoint.events.map((e) => WEBHOOK_EVENT_LABEL[e as WebhookEvent] ?? e).join(", ")}
          </p>
        </div>
        <Button
          variant="outline"
          size="sm"
          disabled={setActive.isPending}
          onClick={() => setActive.mutate({ endpointId: endpoint.id, active: !endpoint.active })}
        >
          {endpoint.active ? "Pause" : "Resume"}
        </Button>
      </CardHeader>
      <CardContent>
        {deliveries.isError ? (
          <p className="text-sm text-destructive" role="alert">
            {errorMessage(deliveries.error)}
          </p>
        ) : deliveries.isPending ? (
          <p className="text-sm text-muted-foreground" role="status">
            Loading deliveries…
          </p>
        ) : deliveries.data.items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No deliveries yet.</p>
        ) : (
          <>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Event</TableHead>
                  <TableHead>Status</TableHead>
                  <TableHead className="text-right">Attempts</TableHead>
                  <TableHead>Answer</TableHead>
                  <TableHead>Queued</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {deliveries.data.items.map((d) => (
                  <TableRow key={d.id}>
                    <TableCell>{WEBHOOK_EVENT_LABEL[d.event as WebhookEvent] ?? d.event}</TableCell>
                    <TableCell>
                      {d.status === "PENDING" ? `Pending, next ${formatWhen(d.nextAttemptAt)}` : d.status.toLowerCase()}
                    </TableCell>
                    <TableCell className="text-right">{d.attempts}</TableCell>
                    <TableCell className="max-w-72 truncate text-xs" title={d.lastResponse ?? d.lastError ?? ""}>
                      {d.lastStatusCode ?? "—"} {d.lastError ?? d.lastResponse ?? ""}
                    </TableCell>
                    <TableCell>{formatWhen(d.createdAt)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
            <div className="mt-2 flex gap-2">
              {cursor ? (
                <Button size="sm" variant="ghost" onClick={() => setCursor(undefined)}>
                  Newest
                </Button>
              ) : null}
              {deliveries.data.nextCursor ? (
                <Button size="sm" variant="outline" onClick={() => setCursor(deliveries.data.nextCursor ?? undefined)}>
                  Older
                </Button>
              ) : null}
            </div>
          </>
        )}
      </CardContent>
    </Card>
  );
}
