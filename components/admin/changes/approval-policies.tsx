"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { APPROVAL_MODES, CHANGE_KINDS } from "@/lib/validation/changes";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { TitledCard } from "@/components/ui/card";
import { QueryState } from "@/components/ui/query-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toaster";

const MODE_LABEL = { ANY: "Any one approver", ALL: "Every approver", STEPS: "One after another (in order)" } as const;
type Approver = { id: string; name: string; email: string; active: boolean };
type Policy = {
  kind: (typeof CHANGE_KINDS)[number];
  mode: (typeof APPROVAL_MODES)[number];
  groupId: string | null;
  approvers: Approver[];
};

/** Who approves each kind of change, and how. Approvers need no seat: anyone with a sign-in. */
export function ApprovalPolicies() {
  const trpc = useTRPC();
  const policies = useQuery(trpc.adminChanges.policies.queryOptions());
  const choices = useQuery(trpc.adminLicenses.choices.queryOptions());
  return (
    <TitledCard
      title="Change approvals"
      description={
        "Per kind of change: the people who approve (in order), " +
        "and/or a group such as the change advisory board (any " +
        "one member decides for it). Standard changes are pre-approved; emergencies are approved after the fact."
      }
    >
      <QueryState
        query={policies}
        errorTitle="Could not load the approvals"
        loadingLabel="Loading the approvals…"
        className="space-y-6"
      >
        {(data) =>
          data.map((p) => (
            <PolicyForm
              key={`${p.kind}:${p.mode}:${p.groupId}:${p.approvers.map((a) => a.id).join()}`}
              policy={p}
              groups={choices.data?.groups ?? []}
            />
          ))
        }
      </QueryState>
    </TitledCard>
  );
}

function PolicyForm({ policy, groups }: { policy: Policy; groups: { id: string; name: string }[] }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState(policy.mode);
  const [groupId, setGroupId] = useState(policy.groupId ?? "");
  const [approvers, setApprovers] = useState<Approver[]>(policy.approvers);
  const [email, setEmail] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [finding, setFinding] = useState(false);
  const save = useMutation(
    trpc.adminChanges.savePolicy.mutationOptions({
      onSuccess: () => {
        toast.success(`Saved who approves ${policy.kind.toLowerCase()} changes.`);
        void queryClient.invalidateQueries({ queryKey: trpc.adminChanges.policies.queryKey() });
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );

  async function addApprover() {
    const wanted = email.trim().toLowerCase();
    if (!wanted) return;
    setFinding(true);
    setError(null);
    try {
      const found = await queryClient.fetchQuery(trpc.adminUsers.list.queryOptions({ search: wanted, limit: 5 }));
      const person = found.items.find((u: { email: string }) => u.email.toLowerCase() === wanted) as
        Approver | undefined;
      if (!person) setError(`Nobody has the email address ${wanted}.`);
      else if (approvers.some((a) => a.id === person.id)) setError(`${person.name} already approves.`);
      else {
        setApprovers([...approvers, person]);
        setEmail("");
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setFinding(false);
    }
  }

  const id = `policy-${policy.kind}`;
  return (
    <form
      noValidate
      aria-label={`Approvals of ${policy.kind.toLowerCase()} changes`}
      className="space-y-3 rounded-lg border p-4"
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        save.mutate({ kind: policy.kind, mode, approverIds: approvers.map((a) => a.id), groupId: groupId || null });
      }}
    >
      <h3 className="font-medium">{policy.kind.charAt(0) + policy.kind.slice(1).toLowerCase()} changes</h3>
      {error ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{error}</AlertDescription>
        </Alert>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField id={`${id}-mode`} label="How they decide">
          <NativeSelect value={mode} onChange={(e) => setMode(e.target.value as Policy["mode"])}>
            {APPROVAL_MODES.map((m) => (
              <option key={m} value={m}>
                {MODE_LABEL[m]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id={`${id}-group`} label="Group (any member decides)">
          <NativeSelect value={groupId} onChange={(e) => setGroupId(e.target.value)}>
            <option value="">No group</option>
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </div>
      <ol
        className="list-decimal space-y-1 pl-5 text-sm"
        aria-label={`Approvers of ${policy.kind.toLowerCase()} changes`}
      >
        {approvers.map((a) => (
          <li key={a.id}>
            {a.name} ({a.email}){!a.active ? " · disabled" : ""}{" "}
            <Button
              type="button"
              size="sm"
              variant="ghost"
              onClick={() => setApprovers(approvers.filter((x) => x.id !== a.id))}
            >
              Remove
            </Button>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-end gap-2">
        <FormField id={`${id}-email`} label="Add an approver by email">
          <Input
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") {
                e.preventDefault();
                void addApprover();
              }
            }}
          />
        </FormField>
        <Button type="button" variant="outline" size="sm" disabled={finding} onClick={() => void addApprover()}>
          Add
        </Button>
        <Button type="submit" size="sm" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
      </div>
    </form>
  );
}
