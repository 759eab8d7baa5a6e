"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";

const RISK = ["", "Low", "Medium", "High"];

/** One change to approve or reject, with a comment; a refused decision keeps the comment typed. */
export function DecideApproval({ approvalId }: { approvalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery({ ...trpc.approvals.get.queryOptions({ approvalId }), retry: false });
  const [comment, setComment] = useState("");
  const [error, setError] = useState<string | null>(null);
  const decide = useMutation(
    trpc.approvals.decide.mutationOptions({
      onSuccess: (r, input) => {
        toast.success(`${input.decision === "APPROVED" ? "Approved" : "Rejected"}: ${r.displayNumber}.`);
        void queryClient.invalidateQueries({ queryKey: trpc.approvals.pathKey() });
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  if (query.isError) return <EmptyState title="Approval not found">{errorMessage(query.error)}</EmptyState>;
  const a = query.data;
  if (!a)
    return (
      <p className="py-6 text-center text-sm text-muted-foreground" role="status">
        Loading…
      </p>
    );
  const plan = (title: string, text: string) => (
    <div>
      <h3 className="text-sm font-medium">{title}</h3>
      <p className="text-sm whitespace-pre-wrap text-muted-foreground">{text || "Not written."}</p>
    </div>
  );
  return (
    <div className="space-y-6">
      <div>
        <p className="font-mono text-sm text-muted-foreground">{a.displayNumber}</p>
        <h1 className="text-2xl font-semibold">{a.title}</h1>
        <p className="text-sm text-muted-foreground">
          {a.kind.toLowerCase()} change · {RISK[a.risk]} risk · planned{" "}
          {a.plannedStart && a.plannedEnd ? `${formatWhen(a.plannedStart)} to ${formatWhen(a.plannedEnd)}` : "not yet"}
        </p>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>The plan</CardTitle>
        </CardHeader>
        <CardContent className="space-y-3">
          {a.description ? <p className="text-sm whitespace-pre-wrap">{a.description}</p> : null}
          {plan("Implementation", a.implementationPlan)}
          {plan("Back-out", a.backoutPlan)}
          {plan("Test", a.testPlan)}
        </CardContent>
      </Card>
      {a.state !== "PENDING" ? (
        <Alert role="status">
          <AlertTitle>{a.state === "WITHDRAWN" ? "No longer needed" : "Decided"}</AlertTitle>
          <AlertDescription>
            {a.state === "WITHDRAWN"
              ? "The change was decided, or approval was asked again."
              : `${a.state === "APPROVED" ? "Approved" : "Rejected"} ` +
                `by ${a.decidedByName}${a.decidedAt ? ` on ${formatWhen(a.decidedAt)}` : ""}.`}
          </AlertDescription>
        </Alert>
      ) : (
        <form
          className="space-y-3"
          onSubmit={(e) => e.preventDefault()}
          aria-label={`Decide on ${a.displayNumber}`}
          noValidate
        >
          {error ? (
            <Alert variant="destructive" role="alert">
              <AlertDescription>{error}</AlertDescription>
            </Alert>
          ) : null}
          <FormField id="approval-comment" label="Comment (the agent and the history see it)">
            <Textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000} />
          </FormField>
          <div className="flex gap-2">
            {(["APPROVED", "REJECTED"] as const).map((decision) => (
              <Button
                key={decision}
                type="button"
                variant={decision === "APPROVED" ? "default" : "outline"}
                disabled={decide.isPending}
                onClick={() => {
                  setError(null);
                  decide.mutate({ approvalId, decision, comment: comment.trim() || undefined });
                }}
              >
                {decision === "APPROVED" ? "Approve" : "Reject"}
              </Button>
            ))}
          </div>
        </form>
      )}
    </div>
  );
}
