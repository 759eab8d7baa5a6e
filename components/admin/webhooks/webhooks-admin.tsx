"use client";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import {
  createWebhookInput,
  WEBHOOK_EVENT_LABEL,
  WEBHOOK_EVENTS,
  type CreateWebhookInput,
  type WebhookEvent,
} from "@/lib/webhooks";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { FormActions, FormShell } from "@/components/ui/form-dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { DataTable, TableCell } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { QueryState } from "@/components/ui/query-state";
import { SecretShownOnce } from "@/components/ui/secret-once";
import { SwitchableCardHeader } from "@/components/admin/shared/switchable-card-header";

/** Webhook endpoints: create (the signing key shown once), pause or resume, and their deliveries. */
export function WebhooksAdmin() {
  const trpc = useTRPC();
  const query = useQuery(trpc.adminWebhooks.list.queryOptions());
  return (
    <div className="space-y-6">
      <NewEndpointForm />
      <QueryState
        query={query}
        errorTitle="The webhooks could not be loaded"
        loadingLabel="Loading webhooks…"
        isEmpty={(endpoints) => endpoints.length === 0}
        empty={{
          title: "No webhook endpoints yet",
          description: "Add one above to tell another system about ticket events.",
        }}
        className="space-y-6"
      >
        {(endpoints) => endpoints.map((e) => <EndpointCard key={e.id} endpoint={e} />)}
      </QueryState>
    </div>
  );
}

function NewEndpointForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [key, setKey] = useState<string | null>(null);
  const form = useForm<CreateWebhookInput>({
    resolver: zodResolver(createWebhookInput),
    defaultValues: { name: "", url: "", events: ["TICKET_CREATED"], includeInternalNotes: false },
  });
  const { formError, clearFormError, showServerError } = useFormError(form, ["name", "url", "events"]);
  const events = useWatch({ control: form.control, name: "events" }) ?? [];
  const create = useMutation(
    trpc.adminWebhooks.create.mutationOptions({
      onSuccess: (r) => {
        setKey(r.signingKey);
        toast.success(`Endpoint ${r.name} added: copy its signing key now.`);
        form.reset();
        void queryClient.invalidateQueries({ queryKey: trpc.adminWebhooks.list.queryKey() });
      },
      onError: (error) => showServerError(error),
    }),
  );
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>New endpoint</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        {key ? (
          <SecretShownOnce
            title="The signing key: copy it now, it is not shown again"
            secret={key}
            onDone={() => setKey(null)}
          />
        ) : null}
        <FormShell
          className="gap-3"
          fieldsClassName="gap-3 md:grid-cols-2"
          onSubmit={form.handleSubmit((values) => {
            clearFormError();
            create.mutate(values);
          })}
          error={formError}
          pending={create.isPending}
          after={
            <>
              <CheckboxGroup
                id="webhook-events"
                legend="Events"
                options={WEBHOOK_EVENTS}
                labels={WEBHOOK_EVENT_LABEL}
                value={events}
                onChange={(next) => form.setValue("events", next, { shouldValidate: true })}
                error={errors.events?.message}
              />
              <label className="flex items-center gap-1.5 text-sm">
                <input type="checkbox" {...form.register("includeInternalNotes")} />
                Allowed to see internal work notes
              </label>
            </>
          }
          actions={<FormActions pending={create.isPending} submitLabel="Add endpoint" pendingLabel="Adding…" />}
        >
          <FormField id="webhook-name" label="Name" error={errors.name?.message}>
            <Input autoComplete="off" {...form.register("name")} />
          </FormField>
          <FormField id="webhook-url" label="Address (https://…)" error={errors.url?.message}>
            <Input autoComplete="off" type="url" {...form.register("url")} />
          </FormField>
        </FormShell>
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
      <SwitchableCardHeader
        name={endpoint.name}
        badges={
          <>
            {endpoint.active ? null : <Badge variant="secondary">Paused</Badge>}
            {endpoint.includeInternalNotes ? <Badge variant="outline">Internal notes</Badge> : null}
          </>
        }
        details={
          `${endpoint.url} · ` + `${endpoint.events.map((e) => WEBHOOK_EVENT_LABEL[e as WebhookEvent] ?? e).join(", ")}`
        }
        switchLabel={endpoint.active ? "Pause" : "Resume"}
        pending={setActive.isPending}
        onSwitch={() => setActive.mutate({ endpointId: endpoint.id, active: !endpoint.active })}
      />
      <CardContent>
        <QueryState
          query={deliveries}
          errorTitle="The deliveries could not be loaded"
          loadingLabel="Loading deliveries…"
          isEmpty={(data) => data.items.length === 0}
          empty={{ title: "No deliveries yet." }}
        >
          {(data) => (
            <>
              <DataTable
                columns={["Event", "Status", { label: "Attempts", className: "text-right" }, "Answer", "Queued"]}
                rows={data.items}
                rowKey={(d) => d.id}
                cells={(d) => (
                  <>
                    <TableCell>{WEBHOOK_EVENT_LABEL[d.event as WebhookEvent] ?? d.event}</TableCell>
                    <TableCell>
                      {d.status === "PENDING" ? `Pending, next ${formatWhen(d.nextAttemptAt)}` : d.status.toLowerCase()}
                    </TableCell>
                    <TableCell className="text-right">{d.attempts}</TableCell>
                    <TableCell className="max-w-72 truncate text-xs" title={d.lastResponse ?? d.lastError ?? ""}>
                      {d.lastStatusCode ?? "—"} {d.lastError ?? d.lastResponse ?? ""}
                    </TableCell>
                    <TableCell>{formatWhen(d.createdAt)}</TableCell>
                  </>
                )}
              />
              <div className="mt-2 flex gap-2">
                {cursor ? (
                  <Button size="sm" variant="ghost" onClick={() => setCursor(undefined)}>
                    Newest
                  </Button>
                ) : null}
                {data.nextCursor ? (
                  <Button size="sm" variant="outline" onClick={() => setCursor(data.nextCursor ?? undefined)}>
                    Older
                  </Button>
                ) : null}
              </div>
            </>
          )}
        </QueryState>
      </CardContent>
    </Card>
  );
}
