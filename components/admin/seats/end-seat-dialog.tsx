"use client";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { endSeatInput, END_SEAT_NOTE_MAX, type EndSeatInput } from "@/lib/validation/seat-board";
import { DialogForm, FormDialog } from "@/components/ui/form-dialog";
import { FormField } from "@/components/ui/form-field";
import { Textarea } from "@/components/ui/textarea";
import { toast } from "@/components/ui/toaster";
import type { EndSeatTarget } from "./types";

/**
 * Asks for the reason before ending someone's seat: the agent reads it in their console. A
 * refusal (e.g. the seat was released meanwhile) is shown in the dialog and keeps the reason typed.
 */
export function EndSeatDialog({ target, onClose }: { target: EndSeatTarget | null; onClose: () => void }) {
  return (
    <FormDialog
      open={target !== null}
      onOpenChange={(open) => !open && onClose()}
      title={target ? `End the seat of ${target.name}?` : null}
      description={
        target
          ? `${target.name} (${target.email}) loses ` +
            `${target.poolName ? `their seat of ${target.poolName}` : "their named seat lease"} ` +
            `at once; the seat goes to the first in line. Their console turns read-only and shows your reason; ` +
            `nothing they typed is lost.`
          : null
      }
    >
      {target ? <EndSeatForm key={target.leaseId} target={target} onClose={onClose} /> : null}
    </FormDialog>
  );
}

function EndSeatForm({ target, onClose }: { target: EndSeatTarget; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<EndSeatInput>({
    resolver: zodResolver(endSeatInput),
    defaultValues: { leaseId: target.leaseId, note: "" },
  });
  const note = useWatch({ control: form.control, name: "note" }) ?? "";
  const refreshBoard = () => queryClient.invalidateQueries({ queryKey: trpc.adminSeats.board.queryKey() });

  const end = useMutation(
    trpc.adminSeats.endLease.mutationOptions({
      onSuccess: (result) => {
        toast.success(`Seat of ${result.userName} ended. They will see your reason.`);
        void refreshBoard();
        onClose();
      },
      onError: (error) => {
        const fields = fieldErrors(error);
        if (fields.note) form.setError("note", { message: fields.note }, { shouldFocus: true });
        else setFormError(errorMessage(error));
        void refreshBoard();
      },
    }),
  );

  return (
    <DialogForm
      onSubmit={form.handleSubmit((values) => {
        setFormError(null);
        end.mutate(values);
      })}
      error={formError}
      pending={end.isPending}
      onCancel={onClose}
      destructive
      submitLabel="End seat"
      pendingLabel="Ending…"
    >
      <FormField
        id="end-seat-note"
        label="Reason (shown to the agent)"
        error={form.formState.errors.note?.message}
        hint={`${note.length} of ${END_SEAT_NOTE_MAX} characters`}
      >
        <Textarea
          autoFocus
          maxLength={END_SEAT_NOTE_MAX}
          placeholder="e.g. Freeing a seat for the night shift"
          {...form.register("note")}
        />
      </FormField>
    </DialogForm>
  );
}
