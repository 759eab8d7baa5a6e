"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { entitlementInput, type EntitlementInput } from "@/lib/validation/licensing";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import { applyServerErrors } from "@/lib/trpc/errors";
import { useRefresh } from "./use-refresh";

/** Edits the seats owned. Owning fewer than are given out is refused beside the field, with the numbers. */
export function EntitlementDialog({
  open,
  onOpenChange,
  current,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  current: EntitlementInput;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <Dialog open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <DialogContent>
        {/* The form lives inside the content, so it starts from the current numbers at each opening. */}
        <EntitlementForm current={current} onBusy={setBusy} onDone={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}

function EntitlementForm({
  current,
  onBusy,
  onDone,
}: {
  current: EntitlementInput;
  onBusy: (busy: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<EntitlementInput>({ resolver: zodResolver(entitlementInput), defaultValues: current });
  const { errors } = form.formState;
  const save = useMutation(
    trpc.adminLicenses.setEntitlement.mutationOptions({
      onMutate: () => onBusy(true),
      onSettled: () => onBusy(false),
      onSuccess: (e) => {
        toast.success(`Saved: ${e.namedSeats} named and ${e.concurrentSeats} concurrent seats owned.`);
        void refresh("entitlement");
        onDone();
      },
      onError: (error) => setFormError(applyServerErrors(form, error, ["namedSeats", "concurrentSeats"])),
    }),
  );

  return (
    <form
      onSubmit={form.handleSubmit((values) => {
        setFormError(null);
        save.mutate(values);
      })}
      noValidate
      className="grid gap-4"
    >
      <DialogHeader>
        <DialogTitle>Seats owned</DialogTitle>
        <DialogDescription>
          What your subscription includes. You cannot own fewer seats than are assigned or given to pools.
        </DialogDescription>
      </DialogHeader>
      {formError ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <fieldset disabled={save.isPending} className="grid gap-4 sm:grid-cols-2">
        <FormField id="ent-named" label="Named seats" error={errors.namedSeats?.message}>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            {...form.register("namedSeats", { valueAsNumber: true })}
          />
        </FormField>
        <FormField id="ent-concurrent" label="Concurrent seats" error={errors.concurrentSeats?.message}>
          <Input
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            {...form.register("concurrentSeats", { valueAsNumber: true })}
          />
        </FormField>
      </fieldset>
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone} disabled={save.isPending}>
          Cancel
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? "Saving…" : "Save"}
        </Button>
      </DialogFooter>
    </form>
  );
}
