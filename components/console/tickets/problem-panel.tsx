"use client";
import { useState } from "react";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { LICENSE_MODULE_NAMES } from "@/lib/validation/license-file";
import { MAX_PROBLEM_TEXT_CHARS } from "@/lib/validation/problems";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { StatusBadge } from "@/components/tickets/status-badge";
import { ticketHref } from "./queue/queue-table";

type Errors = Record<string, string | undefined>;

/**
 * A problem ticket's problem record (module "problem"): root cause, workaround, the known-error
 * flag (which drafts a knowledge article once), the linked incidents with their state, and
 * resolving the problem with its open incidents. Anyone in the console reads it; without the
 * problem license the panel says so and the forms stay closed (the server refuses anyway).
 */
export function ProblemPanel({ ticketId, onChanged }: { ticketId: string; onChanged: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.problems.get.queryOptions({ ticketId }));
  const held = useQuery(trpc.me.moduleLicenses.queryOptions());
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.problems.get.queryKey({ ticketId }) });
    onChanged();
  };
  if (query.isError)
    return (
      <Alert variant="destructive" role="alert">
        <AlertDescription>Could not load the problem: {errorMessage(query.error)}</AlertDescription>
      </Alert>
    );
  const p = query.data;
  if (!p)
    return (
      <Card aria-busy="true">
        <CardHeader>
          <CardTitle>Problem</CardTitle>
        </CardHeader>
        <CardContent className="text-sm text-muted-foreground">Loading the problem…</CardContent>
      </Card>
    );
  const mayWork = held.data?.includes("problem") ?? false;
  return (
    <Card data-testid="problem-panel">
      <CardHeader>
        <CardTitle className="flex flex-wrap items-center gap-2">
          Problem {p.knownError ? <Badge variant="secondary">Known error</Badge> : null}
        </CardTitle>
      </CardHeader>
      <CardContent className="space-y-6">
        {held.data && !mayWork ? (
          <p className="text-sm text-muted-foreground" data-testid="problem-license-missing">
            You have no {LICENSE_MODULE_NAMES.problem} license: you can read this problem but not change or resolve it.
          </p>
        ) : null}
        <ProblemForm
          key={`${p.rootCause}\u0000${p.workaround}\u0000${p.knownError}`}
          problem={p}
          disabled={!mayWork}
          onSaved={refresh}
        />
        {p.article ? (
          <p className="text-sm">
            Knowledge article:{" "}
            <Link className="underline" href={`/console/knowledge/${encodeURIComponent(p.article.id)}`}>
              {p.article.title}
            </Link>{" "}
            <Badge variant="outline">{p.article.status.toLowerCase()}</Badge>
          </p>
        ) : null}
        <LinkedIncidents problem={p} />
        <ResolveProblem problem={p} disabled={!mayWork} onResolved={refresh} />
      </CardContent>
    </Card>
  );
}

type ProblemView = {
  ticketId: string;
  displayNumber: string;
  status: string;
  rootCause: string;
  workaround: string;
  knownError: boolean;
  incidents: {
    id: string;
    displayNumber: string;
    title: string;
    status: Parameters<typeof StatusBadge>[0]["status"];
    requesterName: string;
  }[];
  moreIncidents: number;
  openIncidents: number;
};

function ProblemForm({ problem, disabled, onSaved }: { problem: ProblemView; disabled: boolean; onSaved: () => void }) {
  const trpc = useTRPC();
  const [values, setValues] = useState({
    rootCause: problem.rootCause,
    workaround: problem.workaround,
    knownError: problem.knownError,
  });
  const [errors, setErrors] = useState<Errors>({});
  const save = useMutation(
    trpc.problems.update.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          r.draftedArticleId ? "Saved: a knowledge article was drafted from the known error." : "Problem saved.",
        );
        onSaved();
      },
      onError: (e) => {
        const byField = fieldErrors(e);
        setErrors(Object.keys(byField).length ? byField : { form: errorMessage(e) });
      },
    }),
  );
  return (
    <form
      noValidate
      className="space-y-3"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        save.mutate({ ticketId: problem.ticketId, ...values });
      }}
    >
      <fieldset disabled={disabled || save.isPending} className="space-y-3">
        {errors.form ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{errors.form}</AlertDescription>
          </Alert>
        ) : null}
        <FormField
          id="problem-root-cause"
          label="Root cause"
          error={errors.rootCause}
          hint={`Up to ${MAX_PROBLEM_TEXT_CHARS.toLocaleString("en")} characters.`}
        >
          <Textarea
            rows={3}
            value={values.rootCause}
            onChange={(e) => setValues({ ...values, rootCause: e.target.value })}
          />
        </FormField>
        <FormField id="problem-workaround" label="Workaround" error={errors.workaround}>
          <Textarea
            rows={3}
            value={values.workaround}
            onChange={(e) => setValues({ ...values, workaround: e.target.value })}
          />
        </FormField>
        <div className="space-y-1">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4 accent-primary"
              checked={values.knownError}
              aria-invalid={errors.knownError ? true : undefined}
              aria-describedby={errors.knownError ? "problem-known-error-error" : "problem-known-error-hint"}
              onChange={(e) => setValues({ ...values, knownError: e.target.checked })}
            />
            Known error
          </label>
          {errors.knownError ? (
            <p id="problem-known-error-error" className="text-sm text-destructive">
              {errors.knownError}
            </p>
          ) : (
            <p id="problem-known-error-hint" className="text-xs text-muted-foreground">
              The first time, a draft knowledge article is written from the workaround and root cause.
            </p>
          )}
        </div>
        <Button type="submit" size="sm" disabled={disabled || save.isPending}>
          {save.isPending ? "Saving…" : "Save problem"}
        </Button>
      </fieldset>
    </form>
  );
}

function LinkedIncidents({ problem }: { problem: ProblemView }) {
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-medium">
        Linked incidents ({problem.incidents.length + problem.moreIncidents}, {problem.openIncidents} open)
      </h3>
      {problem.incidents.length === 0 ? (
        <p className="text-sm text-muted-foreground">No incidents are linked yet: link them under Links.</p>
      ) : (
        <ul className="space-y-1 text-sm" aria-label="Linked incidents">
          {problem.incidents.map((i) => (
            <li key={i.id} className="flex items-center gap-2">
              <Link href={ticketHref(i.displayNumber)} className="min-w-0 flex-1 truncate hover:underline">
                {i.displayNumber} {i.title}
              </Link>
              <span className="text-xs text-muted-foreground">{i.requesterName}</span>
              <StatusBadge status={i.status} />
            </li>
          ))}
        </ul>
      )}
      {problem.moreIncidents > 0 ? (
        <p className="text-xs text-muted-foreground">and {problem.moreIncidents} more (resolving includes them).</p>
      ) : null}
    </div>
  );
}

function ResolveProblem({
  problem,
  disabled,
  onResolved,
}: {
  problem: ProblemView;
  disabled: boolean;
  onResolved: () => void;
}) {
  const trpc = useTRPC();
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const resolve = useMutation(
    trpc.problems.resolve.mutationOptions({
      onSuccess: (r) => {
        toast.success(
          r.resolvedIncidents.length
            ? `Resolved ${problem.displayNumber} and ${r.resolvedIncidents.length} ` +
                `incident${r.resolvedIncidents.length === 1 ? "" : "s"}: ${r.resolvedIncidents.join(", ")}.`
            : `Resolved ${problem.displayNumber}: no linked incident was open.`,
        );
        setNote("");
        onResolved();
      },
      onError: (e) => {
        const byField = fieldErrors(e);
        setErrors(Object.keys(byField).length ? byField : { form: errorMessage(e) });
      },
    }),
  );
  const settled = problem.status === "CLOSED" || problem.status === "CANCELLED";
  if (settled) return null;
  return (
    <form
      noValidate
      className="space-y-3 border-t pt-4"
      onSubmit={(e) => {
        e.preventDefault();
        setErrors({});
        resolve.mutate({ ticketId: problem.ticketId, note });
      }}
    >
      <fieldset disabled={disabled || resolve.isPending} className="space-y-3">
        {errors.form ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>{errors.form}</AlertDescription>
          </Alert>
        ) : null}
        <FormField
          id="problem-resolve-note"
          label="Note to the requesters"
          error={errors.note}
          hint={
            `A public reply on each of the ${problem.openIncidents} open linked ` +
            `incident${problem.openIncidents === 1 ? "" : "s"}; resolved and closed ones are left alone.`
          }
        >
          <Textarea rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
        </FormField>
        <Button type="submit" size="sm" disabled={disabled || resolve.isPending}>
          {resolve.isPending ? "Resolving…" : "Resolve problem and its incidents"}
        </Button>
      </fieldset>
    </form>
  );
}
