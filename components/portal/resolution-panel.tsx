"use client";
import { useState } from "react";
import { useSearchParams } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckIcon, RotateCcwIcon } from "lucide-react";
import type { z } from "zod";
import { useTRPC } from "@/lib/trpc/react";
import { applyServerErrors, errorMessage } from "@/lib/trpc/errors";
import { reopenTicketInput } from "@/lib/validation/tickets";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import { formatWhen } from "@/lib/date-time";

type ReopenValues = z.input<typeof reopenTicketInput>;

/**
 * A resolved ticket asks its requester: solved (close it) or not (reopen it, saying why)? The
 * "resolved" mail links here with ?resolution=confirm or =reopen: the page opens on that choice
 * (the confirm button focused, or the reopen form open), and the requester still presses it: a
 * link never changes a ticket by itself.
 */
export function ResolutionPanel({ ticketId, resolvedAt }: { ticketId: string; resolvedAt: Date | string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const asked = useSearchParams().get("resolution");
  const [reopening, setReopening] = useState(asked === "reopen");
  const [error, setError] = useState<string | null>(null);
  const form = useForm<ReopenValues>({
    resolver: zodResolver(reopenTicketInput),
    defaultValues: { ticketId, reason: "" },
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.portalTickets.get.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.portalTickets.list.queryKey() });
  };
  const confirm = useMutation(
    trpc.portalTickets.confirmResolution.mutationOptions({
      onSuccess: () => {
        toast.success("Thank you: the ticket is closed.");
        refresh();
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  const reopen = useMutation(
    trpc.portalTickets.reopen.mutationOptions({
      onSuccess: () => {
        toast.success("The ticket is open again: the service desk will pick it up.");
        refresh();
      },
      onError: (e) => setError(applyServerErrors(form, e, ["reason"])),
    }),
  );
  const pending = confirm.isPending || reopen.isPending;

  return (
    <Alert variant="success" role="region" aria-label="Resolution">
      <AlertTitle>Was your problem solved?</AlertTitle>
      <AlertDescription className="space-y-3">
        <p>
          The service desk marked this ticket resolved{resolvedAt ? ` on ${formatWhen(resolvedAt)}` : ""}. Confirm it to
          close the ticket, or reopen it if something is still wrong.
        </p>
        {error ? (
          <p role="alert" className="text-destructive">
            {error}
          </p>
        ) : null}
        {reopening ? (
          <form
            noValidate
            className="grid gap-3"
            onSubmit={form.handleSubmit((values) => {
              setError(null);
              reopen.mutate(values);
            })}
          >
            <FormField
              id="reopen-reason"
              label="What is still not working?"
              error={form.formState.errors.reason?.message}
            >
              <Textarea rows={3} disabled={pending} {...form.register("reason")} />
            </FormField>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" disabled={pending}>
                <RotateCcwIcon aria-hidden /> {reopen.isPending ? "Reopening…" : "Reopen the ticket"}
              </Button>
              <Button type="button" variant="outline" disabled={pending} onClick={() => setReopening(false)}>
                Back
              </Button>
            </div>
          </form>
        ) : (
          <div className="flex flex-wrap gap-2">
            <Button
              type="button"
              disabled={pending}
              autoFocus={asked === "confirm"}
              onClick={() => {
                setError(null);
                confirm.mutate({ ticketId });
              }}
            >
              <CheckIcon aria-hidden /> {confirm.isPending ? "Closing…" : "Yes, it is solved"}
            </Button>
            <Button type="button" variant="outline" disabled={pending} onClick={() => setReopening(true)}>
              No, reopen it
            </Button>
          </div>
        )}
      </AlertDescription>
    </Alert>
  );
}
