"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { deletePoolInput } from "@/lib/validation/licensing";
import type { PoolRow } from "@/server/licensing/pools";
import { Textarea } from "@/components/ui/textarea";
import { FormField } from "@/components/ui/form-field";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import { applyServerErrors, errorDetails } from "@/lib/trpc/errors";
import { AFTER_POOL_CHANGE, useRefresh } from "./use-refresh";

const reasonInput = deletePoolInput.pick({ reason: true });
type ReasonInput = { reason: string };

/**
 * Deleting a pool ends the seats held in it. The dialog shows how many and asks for the reason
 * the agents will read; if more seats are in use than the list showed, the server refuses with
 * the real number and the dialog asks again.
 */
export function DeletePoolDialog({
  pool,
  onOpenChange,
}: {
  pool: PoolRow | null;
  onOpenChange: (open: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <FormDialog
      open={pool !== null}
      onOpenChange={(next) => !busy && onOpenChange(next)}
      title={pool ? `Delete the pool ${pool.name}?` : null}
      description={
        pool
          ? `Its ${pool.memberCount === 1 ? "member loses" : `${pool.memberCount} members lose`} their seat license, ` +
            `and its ${pool.size} seats return to the concurrent seats you can give to other pools. ` +
            `Its history is kept.`
          : null
      }
    >
      {pool ? <DeleteForm pool={pool} onBusy={setBusy} onDone={() => onOpenChange(false)} /> : null}
    </FormDialog>
  );
}

function DeleteForm({ pool, onBusy, onDone }: { pool: PoolRow; onBusy: (busy: boolean) => void; onDone: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [liveLeases, setLiveLeases] = useState(pool.inUse);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ReasonInput>({ resolver: zodResolver(reasonInput), defaultValues: { reason: "" } });
  const remove = useMutation(
    trpc.adminLicenses.deletePool.mutationOptions({
      onMutate: () => onBusy(true),
      onSettled: () => onBusy(false),
      onSuccess: (result) => {
        toast.success(result.message);
        void refresh(...AFTER_POOL_CHANGE);
        onDone();
      },
      onError: (error) => {
        const live = errorDetails<{ liveLeases?: number }>(error)?.liveLeases;
        if (typeof live === "number") {
          setLiveLeases(live);
          setFormError(null);
          return;
        }
        setFormError(applyServerErrors(form, error, ["reason"]));
      },
    }),
  );

  return (
    <DialogForm
      onSubmit={form.handleSubmit(({ reason }) => {
        setFormError(null);
        remove.mutate({ poolId: pool.id, reason, confirm: liveLeases > 0, liveLeasesShown: liveLeases });
      })}
      error={formError}
      pending={remove.isPending}
      onCancel={onDone}
      destructive
      submitLabel={
        liveLeases > 0 ? `End ${liveLeases === 1 ? "1 seat" : `${liveLeases} seats`} and delete` : "Delete pool"
      }
      pendingLabel="Deleting…"
      before={
        liveLeases > 0 ? (
          <Alert variant="warning" role="alert">
            <AlertTitle>
              {liveLeases === 1 ? "1 agent holds a seat" : `${liveLeases} agents hold a seat`} of this pool right now
            </AlertTitle>
            <AlertDescription>
              Deleting ends {liveLeases === 1 ? "it" : "them"} at once. Nothing they typed is lost; their console turns
              read-only and shows your reason.
            </AlertDescription>
          </Alert>
        ) : null
      }
    >
      <FormField
        id="delete-pool-reason"
        label="Reason"
        error={form.formState.errors.reason?.message}
        hint="Shown to anyone whose seat ends, and kept in the seat history."
      >
        <Textarea rows={3} {...form.register("reason")} />
      </FormField>
    </DialogForm>
  );
}
