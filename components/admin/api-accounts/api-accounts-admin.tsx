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
  API_RATE_LIMIT_DEFAULT,
  API_SCOPE_LABEL,
  API_SCOPES,
  createApiAccountInput,
  issueApiTokenInput,
  type CreateApiAccountInput,
  type IssueApiTokenInput,
} from "@/lib/validation/api-accounts";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { CheckboxGroup } from "@/components/ui/checkbox-group";
import { FormActions, FormShell } from "@/components/ui/form-dialog";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { QueryState } from "@/components/ui/query-state";
import { SecretShownOnce } from "@/components/ui/secret-once";
import { SwitchableCardHeader } from "@/components/admin/shared/switchable-card-header";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Account = inferRouterOutputs<AppRouter>["adminApiAccounts"]["list"][number];

/** API accounts: create, enable or disable, issue tokens (shown once) and revoke them. */
export function ApiAccountsAdmin() {
  const trpc = useTRPC();
  const query = useQuery(trpc.adminApiAccounts.list.queryOptions());
  return (
    <div className="space-y-6">
      <NewAccountForm />
      <QueryState
        query={query}
        errorTitle="The API accounts could not be loaded"
        loadingLabel="Loading API accounts…"
        isEmpty={(accounts) => accounts.length === 0}
        empty={{
          title: "No API accounts yet",
          description: "Create one for each program that works with seatdesk, owned by the person who answers for it.",
        }}
        className="space-y-6"
      >
        {(accounts) => accounts.map((account) => <AccountCard key={account.id} account={account} />)}
      </QueryState>
    </div>
  );
}

function useInvalidateList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: trpc.adminApiAccounts.list.queryKey() });
}

function NewAccountForm() {
  const trpc = useTRPC();
  const invalidate = useInvalidateList();
  const form = useForm<CreateApiAccountInput>({
    resolver: zodResolver(createApiAccountInput),
    defaultValues: { name: "", purpose: "", ownerEmail: "" },
  });
  const { formError, clearFormError, showServerError } = useFormError(form, ["name", "purpose", "ownerEmail"]);
  const create = useMutation(
    trpc.adminApiAccounts.create.mutationOptions({
      onSuccess: (account) => {
        toast.success(`API account ${account.name} created. Issue it a token below.`);
        form.reset();
        invalidate();
      },
      onError: (error) => showServerError(error),
    }),
  );
  const { errors } = form.formState;
  return (
    <Card>
      <CardHeader>
        <CardTitle>New API account</CardTitle>
      </CardHeader>
      <CardContent>
        <FormShell
          onSubmit={form.handleSubmit((values) => {
            clearFormError();
            create.mutate(values);
          })}
          error={formError}
          pending={create.isPending}
          fieldsClassName="md:grid-cols-3"
          actions={<FormActions pending={create.isPending} submitLabel="Create account" pendingLabel="Creating…" />}
        >
          <FormField id="api-account-name" label="Name" error={errors.name?.message}>
            <Input autoComplete="off" placeholder="Chat hub" {...form.register("name")} />
          </FormField>
          <FormField id="api-account-owner" label="Owner's email" error={errors.ownerEmail?.message}>
            <Input autoComplete="off" type="email" {...form.register("ownerEmail")} />
          </FormField>
          <FormField id="api-account-purpose" label="What it is for (optional)" error={errors.purpose?.message}>
            <Input autoComplete="off" {...form.register("purpose")} />
          </FormField>
        </FormShell>
      </CardContent>
    </Card>
  );
}

function AccountCard({ account }: { account: Account }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateList();
  const setDisabled = useMutation(
    trpc.adminApiAccounts.setDisabled.mutationOptions({
      onSuccess: (_r, input) => {
        toast.success(
          input.disabled ? `${account.name} is disabled: its tokens are refused.` : `${account.name} is enabled.`,
        );
        invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Card data-testid={`api-account-${account.name}`}>
      <SwitchableCardHeader
        name={account.name}
        badges={account.disabledAt ? <Badge variant="destructive">Disabled</Badge> : null}
        details={
          `Owner: ${account.owner ? `${account.owner.name} (${account.owner.email})` : "unknown"}` +
          `${account.purpose ? ` · ${account.purpose}` : ""}`
        }
        switchLabel={account.disabledAt ? "Enable" : "Disable"}
        pending={setDisabled.isPending}
        onSwitch={() => setDisabled.mutate({ accountId: account.id, disabled: !account.disabledAt })}
      />
      <CardContent className="space-y-4">
        {account.tokens.length === 0 ? (
          <p className="text-sm text-muted-foreground">No tokens yet.</p>
        ) : (
          <TokensTable account={account} />
        )}
        {account.disabledAt ? null : <IssueTokenForm accountId={account.id} accountName={account.name} />}
      </CardContent>
    </Card>
  );
}

function TokensTable({ account }: { account: Account }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateList();
  const revoke = useMutation(
    trpc.adminApiAccounts.revokeToken.mutationOptions({
      onSuccess: () => {
        toast.success("Token revoked: its next request is refused.");
        invalidate();
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>Token</TableHead>
          <TableHead>Scopes</TableHead>
          <TableHead>Limit</TableHead>
          <TableHead>Expires</TableHead>
          <TableHead>Last used</TableHead>
          <TableHead>
            <span className="sr-only">Actions</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {account.tokens.map((t) => {
          const state = t.revokedAt ? "Revoked" : t.expired ? "Expired" : null;
          return (
            <TableRow key={t.id}>
              <TableCell>
                <div className="font-medium">{t.label}</div>
                <code className="text-xs text-muted-foreground">{t.prefix}…</code>{" "}
                {state ? <Badge variant="secondary">{state}</Badge> : null}
              </TableCell>
              <TableCell className="text-xs">{t.scopes.map((s) => API_SCOPE_LABEL[s]).join(", ")}</TableCell>
              <TableCell>{t.requestsPerMinute.toLocaleString("en")}/min</TableCell>
              <TableCell>{formatWhen(t.expiresAt)}</TableCell>
              <TableCell>
                {t.lastUsedAt ? `${formatWhen(t.lastUsedAt)} from ${t.lastUsedFrom ?? "unknown"}` : "Never"}
              </TableCell>
              <TableCell className="text-right">
                {t.revokedAt ? null : (
                  <Button
                    variant="outline"
                    size="sm"
                    disabled={revoke.isPending}
                    aria-label={`Revoke ${t.label} of ${account.name}`}
                    onClick={() => revoke.mutate({ id: t.id })}
                  >
                    Revoke
                  </Button>
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function IssueTokenForm({ accountId, accountName }: { accountId: string; accountName: string }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateList();
  const [shown, setShown] = useState<string | null>(null);
  const form = useForm<IssueApiTokenInput>({
    resolver: zodResolver(issueApiTokenInput),
    defaultValues: {
      accountId,
      label: "",
      scopes: ["READ_TICKETS", "ACT_FOR_REQUESTERS"],
      expiresInDays: 90,
      requestsPerMinute: API_RATE_LIMIT_DEFAULT,
    },
  });
  const { formError, clearFormError, showServerError } = useFormError(form, [
    "label",
    "scopes",
    "expiresInDays",
    "requestsPerMinute",
  ]);
  const issue = useMutation(
    trpc.adminApiAccounts.issueToken.mutationOptions({
      onSuccess: (result) => {
        setShown(result.token);
        toast.success("Token issued: copy it now, it is shown only once.");
        form.reset({ ...form.getValues(), label: "" });
        invalidate();
      },
      onError: showServerError,
    }),
  );
  const { errors } = form.formState;
  const scopes = useWatch({ control: form.control, name: "scopes" }) ?? [];
  return (
    <div className="space-y-3 rounded-lg border p-3">
      {shown ? (
        <SecretShownOnce
          title={`The new token of ${accountName}: copy it now, it is not shown again`}
          secret={shown}
          testId="new-api-token"
          copyLabel="Copy"
          onDone={() => setShown(null)}
        />
      ) : null}
      <FormShell
        className="gap-3"
        fieldsClassName="gap-3 md:grid-cols-3"
        onSubmit={form.handleSubmit((values) => {
          clearFormError();
          issue.mutate(values);
        })}
        error={formError}
        pending={issue.isPending}
        after={
          <CheckboxGroup
            id={`token-scopes-${accountId}`}
            legend="Scopes"
            options={API_SCOPES}
            labels={API_SCOPE_LABEL}
            value={scopes}
            onChange={(next) => form.setValue("scopes", next, { shouldValidate: true })}
            error={errors.scopes?.message}
          />
        }
        actions={<FormActions size="sm" pending={issue.isPending} submitLabel="Issue token" pendingLabel="Issuing…" />}
      >
        <FormField id={`token-label-${accountId}`} label="New token for" error={errors.label?.message}>
          <Input autoComplete="off" placeholder="production" {...form.register("label")} />
        </FormField>
        <FormField id={`token-days-${accountId}`} label="Expires in days" error={errors.expiresInDays?.message}>
          <Input type="number" min={1} {...form.register("expiresInDays", { valueAsNumber: true })} />
        </FormField>
        <FormField id={`token-rpm-${accountId}`} label="Requests per minute" error={errors.requestsPerMinute?.message}>
          <Input type="number" min={1} {...form.register("requestsPerMinute", { valueAsNumber: true })} />
        </FormField>
      </FormShell>
    </div>
  );
}
