"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { CHANGE_KINDS, CHANGE_NEXT, CHANGE_STATE_LABEL, type ChangeStateValue } from "@/lib/validation/changes";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";

const MOVE_LABEL: Partial<Record<ChangeStateValue, string>> = {
  ASSESSMENT: "Assess",
  AWAITING_APPROVAL: "Request approval",
  SCHEDULED: "Schedule",
  IMPLEMENTING: "Start implementing",
  REVIEW: "Review",
  CLOSED: "Close",
  CANCELLED: "Cancel change",
  DRAFT: "Back to draft",
};

/** datetime-local wants "2027-01-31T14:00" in the reader's time zone. */
const localInput = (d: Date | null) =>
  d ? new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : "";

/** A change ticket's change record: plan, workflow and approvals (module "change"). */
export function ChangePanel({ ticketId, onChanged }: { ticketId: string; onChanged: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.changes.get.queryOptions({ ticketId }));
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.changes.get.queryKey({ ticketId }) });
    onChanged();
  };
  const move = useMutation(
    trpc.changes.move.mutationOptions({
      onSuccess: (r) => {
        toast.success(`The change is now ${CHANGE_STATE_LABEL[r.state].toLowerCase()}.`);
        refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const c = query.data;
  if (query.isError)
    return (
      <Alert variant="destructive" role="alert">
        <AlertDescription>Could not load the change: {errorMessage(query.error)}</AlertDescription>
      </Alert>
    );
  if (c === undefined) return null;
  if (c === null) return <StartChange ticketId={ticketId} onStarted={refresh} />;
  return (
    <Card>
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          Change <Badge variant="secondary">{CHANGE_STATE_LABEL[c.state]}</Badge>
          <Badge variant="outline">{c.kind.toLowerCase()}</Badge>
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        {error ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{error}</AlertDescription>
          </Alert>
        ) : null}
        <PlanForm key={`${c.state}:${c.kind}`} change={c} onSaved={refresh} />
        {c.approvals.length ? (
          <div className="space-y-1">
            <h3 className="text-sm font-medium">Approvals ({c.approvalMode?.toLowerCase()})</h3>
            <ul className="space-y-1 text-sm" aria-label="Approvals">
              {c.approvals.map((a) => (
                <li key={a.id}>
                  {c.approvalMode === "STEPS" ? `${a.step + 1}. ` : ""}
                  {a.approverName ?? `any member of ${a.groupName}`}
                  {a.approverActive === false ? " (disabled: request approval again to skip)" : ""}:{" "}
                  {a.state === "PENDING"
                    ? "waiting"
                    : a.state === "WITHDRAWN"
                      ? "not needed"
                      : `${a.state.toLowerCase()}${a.afterTheFact ? " after the fact" : ""} ` +
                        `by ${a.decidedByName}${a.decidedAt ? `, ${formatWhen(a.decidedAt)}` : ""}` +
                        (a.comment ? `: “${a.comment}”` : "")}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        <div className="flex flex-wrap gap-2" role="group" aria-label="Move the change">
          {CHANGE_NEXT[c.state].map((to) => (
            <Button
              key={to}
              size="sm"
              variant={to === "CANCELLED" || to === "DRAFT" ? "outline" : "default"}
              disabled={move.isPending}
              onClick={() => {
                setError(null);
                move.mutate({ ticketId, to });
              }}
            >
              {MOVE_LABEL[to]}
            </Button>
          ))}
        </div>
      </CardContent>
    </Card>
  );
}

type ChangeRecordView = {
  ticketId: string;
  state: ChangeStateValue;
  kind: (typeof CHANGE_KINDS)[number];
  risk: number;
  plannedStart: Date | null;
  plannedEnd: Date | null;
  implementationPlan: string;
  backoutPlan: string;
  testPlan: string;
};

function PlanForm({ change, onSaved }: { change: ChangeRecordView; onSaved: () => void }) {
  const trpc = useTRPC();
  const editable = change.state === "DRAFT" || change.state === "ASSESSMENT";
  const [values, setValues] = useState({
    kind: change.kind,
    risk: change.risk,
    plannedStart: localInput(change.plannedStart),
    plannedEnd: localInput(change.plannedEnd),
    implementationPlan: change.implementationPlan,
    backoutPlan: change.backoutPlan,
    testPlan: change.testPlan,
  });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const save = useMutation(
    trpc.changes.updatePlan.mutationOptions({
      onSuccess: () => {
        toast.success("Plan saved.");
        onSaved();
      },
      onError: (e) => {
        const byField = fieldErrors(e);
        setErrors(Object.keys(byField).length ? byField : { form: errorMessage(e) });
      },
    }),
  );
  const set = (k: keyof typeof values) => (e: { target: { value: string } }) =>
    setValues({ ...values, [k]: k === "risk" ? Number(e.target.value) : e.target.value });
  return (
    <form
      noValidate
      className="grid gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        save.mutate({
          ticketId: change.ticketId,
          ...values,
          plannedStart: values.plannedStart ? new Date(values.plannedStart) : null,
          plannedEnd: values.plannedEnd ? new Date(values.plannedEnd) : null,
        });
      }}
    >
      <fieldset disabled={!editable || save.isPending} className="contents">
        {errors.form ? (
          <Alert variant="destructive" role="alert" className="sm:col-span-2">
            <AlertDescription>{errors.form}</AlertDescription>
          </Alert>
        ) : null}
        <FormField id="change-kind" label="Kind">
          <NativeSelect value={values.kind} onChange={set("kind")}>
            {CHANGE_KINDS.map((k) => (
              <option key={k} value={k}>
                {k.toLowerCase()}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField id="change-risk" label="Risk" error={errors.risk}>
          <NativeSelect value={String(values.risk)} onChange={set("risk")}>
            <option value="1">Low</option>
            <option value="2">Medium</option>
            <option value="3">High</option>
          </NativeSelect>
        </FormField>
        <FormField id="change-start" label="Planned start" error={errors.plannedStart}>
          <Input type="datetime-local" value={values.plannedStart} onChange={set("plannedStart")} />
        </FormField>
        <FormField id="change-end" label="Planned end" error={errors.plannedEnd}>
          <Input type="datetime-local" value={values.plannedEnd} onChange={set("plannedEnd")} />
        </FormField>
        {(
          [
            ["implementationPlan", "Implementation plan"],
            ["backoutPlan", "Back-out plan"],
            ["testPlan", "Test plan"],
          ] as const
        ).map(([k, label]) => (
          <FormField key={k} id={`change-${k}`} label={label} error={errors[k]} className="sm:col-span-2">
            <Textarea value={values[k]} onChange={set(k)} rows={3} />
          </FormField>
        ))}
        {editable ? (
          <div className="sm:col-span-2">
            <Button type="submit" size="sm" disabled={save.isPending}>
              {save.isPending ? "Saving…" : "Save plan"}
            </Button>
          </div>
        ) : (
          <p className="text-xs text-muted-foreground sm:col-span-2">
            The plan is fixed from approval on: move the change back to assessment to change it.
          </p>
        )}
      </fieldset>
    </form>
  );
}

function StartChange({ ticketId, onStarted }: { ticketId: string; onStarted: () => void }) {
  const trpc = useTRPC();
  const start = useMutation(
    trpc.changes.start.mutationOptions({
      onSuccess: onStarted,
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Change</CardTitle>
      </CardHeader>
      <CardContent className="space-y-2 text-sm">
        <p className="text-muted-foreground">
          This change has no plan or approvals yet. Track it to plan it, have it approved and schedule it.
        </p>
        <Button size="sm" disabled={start.isPending} onClick={() => start.mutate({ ticketId })}>
          Track as a change
        </Button>
      </CardContent>
    </Card>
  );
}
