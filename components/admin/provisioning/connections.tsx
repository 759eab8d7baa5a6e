"use client";
import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { JOB_CODE_ATTRIBUTE_EXAMPLES } from "@/lib/validation/provisioning";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Badge } from "@/components/ui/badge";
import { FormField } from "@/components/ui/form-field";
import { SecretShownOnce } from "@/components/ui/secret-once";
import { TitledCard } from "@/components/ui/card";
import { toastOutcome } from "@/components/admin/shared/toast-outcome";
import { DataTable, TableCell } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { PagedQueryState, usePagedQuery } from "@/components/admin/shared/cursor-pager";

const PAGE_SIZE = 25;

/** The provisioning connections, a form to make one (its token shown once), revoking, the job-code attribute. */
export function ProvisioningConnections() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { pager, query: list } = usePagedQuery("connections", (cursor) =>
    trpc.adminProvisioning.connections.queryOptions({ cursor, limit: PAGE_SIZE }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.adminProvisioning.pathKey() });
  const [revoking, setRevoking] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.adminProvisioning.revoke.mutationOptions(
      toastOutcome(() => {
        setRevoking(null);
        void refresh();
      }),
    ),
  );
  return (
    <TitledCard
      title="Connections"
      description="Give each identity provider its own connection, so one can be revoked without the others."
      contentClassName="space-y-4"
    >
      <CreateConnection onCreated={refresh} />
      <PagedQueryState
        pager={pager}
        pageSize={PAGE_SIZE}
        noun="connections"
        hideSinglePage
        query={list}
        errorTitle="Could not load the connections"
        loadingLabel="Loading the connections…"
        empty={{
          title: "No connections yet",
          description: "Make one above, then paste its token into your identity provider.",
        }}
      >
        {(data) => (
          <>
            <DataTable
              label="Provisioning connections"
              columns={["Name", "Token", "Job code from", "Made", "Last used", { label: "Actions", srOnly: true }]}
              rows={data.items}
              rowKey={(c) => c.id}
              cells={(c) => (
                <>
                  <TableCell className="font-medium">{c.name}</TableCell>
                  <TableCell>
                    <code className="text-xs">…{c.tokenHint}</code>
                    {c.revokedAt ? (
                      <Badge variant="destructive" className="ml-2">
                        Revoked {formatWhen(c.revokedAt)}
                      </Badge>
                    ) : (
                      <Badge variant="success" className="ml-2">
                        Active
                      </Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    <JobCodeAttribute id={c.id} value={c.jobCodeAttribute} onSaved={refresh} />
                  </TableCell>
                  <TableCell className="text-sm">{formatWhen(c.createdAt)}</TableCell>
                  <TableCell className="text-sm">{c.lastUsedAt ? formatWhen(c.lastUsedAt) : "Never"}</TableCell>
                  <TableCell>
                    {c.revokedAt ? null : revoking === c.id ? (
                      <div className="flex gap-1">
                        <Button size="sm" variant="destructive" onClick={() => revoke.mutate({ id: c.id })}>
                          Yes, revoke
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => setRevoking(null)}>
                          Keep
                        </Button>
                      </div>
                    ) : (
                      <Button size="sm" variant="outline" onClick={() => setRevoking(c.id)}>
                        Revoke {c.name}
                      </Button>
                    )}
                  </TableCell>
                </>
              )}
            />
          </>
        )}
      </PagedQueryState>
    </TitledCard>
  );
}

function CreateConnection({ onCreated }: { onCreated: () => void }) {
  const trpc = useTRPC();
  const [name, setName] = useState("");
  const [attribute, setAttribute] = useState<string>(JOB_CODE_ATTRIBUTE_EXAMPLES[0]);
  const [made, setMade] = useState<{ name: string; token: string } | null>(null);
  const create = useMutation(
    trpc.adminProvisioning.create.mutationOptions({
      onSuccess: (r) => {
        setMade({ name: r.connection.name, token: r.token });
        setName("");
        onCreated();
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const base = typeof window === "undefined" ? "/api/scim/v2" : `${window.location.origin}/api/scim/v2`;
  return (
    <div className="space-y-3">
      <form
        className="grid items-end gap-3 sm:grid-cols-[1fr_2fr_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          setMade(null);
          create.mutate({ name, jobCodeAttribute: attribute });
        }}
      >
        <FormField id="connection-name" label="Name" error={errors.name}>
          <Input value={name} onChange={(e) => setName(e.target.value)} placeholder="Okta" autoComplete="off" />
        </FormField>
        <FormField
          id="connection-job-code"
          label="SCIM attribute carrying the job code"
          error={errors.jobCodeAttribute}
          hint="e.g. title, or an extension's full path"
        >
          <Input value={attribute} onChange={(e) => setAttribute(e.target.value)} list="job-code-attributes" />
        </FormField>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? "Making…" : "Make a connection"}
        </Button>
        <datalist id="job-code-attributes">
          {JOB_CODE_ATTRIBUTE_EXAMPLES.map((a) => (
            <option key={a} value={a} />
          ))}
        </datalist>
      </form>
      {create.error && !errors.name && !errors.jobCodeAttribute ? (
        <p role="alert" className="text-sm text-destructive">
          {errorMessage(create.error)}
        </p>
      ) : null}
      {made ? (
        <SecretShownOnce
          variant="success"
          title={`Connection “${made.name}” made: copy its token now, it is not shown again`}
          secret={made.token}
          secretLabel="Token"
          copyLabel="Copy token"
        >
          <p>
            SCIM base URL: <code>{base}</code>
          </p>
        </SecretShownOnce>
      ) : null}
    </div>
  );
}

function JobCodeAttribute({ id, value, onSaved }: { id: string; value: string; onSaved: () => void }) {
  const trpc = useTRPC();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(value);
  const save = useMutation(
    trpc.adminProvisioning.setJobCodeAttribute.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.message);
        setEditing(false);
        onSaved();
      },
    }),
  );
  if (!editing)
    return (
      <button
        type="button"
        className="max-w-72 truncate text-left text-xs underline-offset-2 hover:underline"
        title={`${value}: click to change`}
        onClick={() => {
          setText(value);
          setEditing(true);
        }}
      >
        {value}
      </button>
    );
  const error = fieldErrors(save.error).jobCodeAttribute ?? (save.error ? errorMessage(save.error) : undefined);
  return (
    <form
      className="flex items-start gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ id, jobCodeAttribute: text });
      }}
    >
      <FormField id={`job-code-${id}`} label="Job code attribute" error={error} className="min-w-64">
        <Input value={text} onChange={(e) => setText(e.target.value)} list="job-code-attributes" />
      </FormField>
      <Button type="submit" size="sm" className="mt-6" disabled={save.isPending}>
        Save
      </Button>
      <Button type="button" size="sm" variant="ghost" className="mt-6" onClick={() => setEditing(false)}>
        Cancel
      </Button>
    </form>
  );
}
