"use client";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { poolInput, IDLE_TIMEOUT_MINUTES, type PoolInput } from "@/lib/validation/licensing";
import type { PoolRow } from "@/server/licensing/pools";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { DialogFooter } from "@/components/ui/dialog";
import { toast } from "@/components/ui/toaster";
import { MembersPicker, type Member } from "./members-picker";
import { NativeSelect } from "@/components/ui/native-select";
import { applyServerErrors } from "@/lib/trpc/errors";
import { AFTER_POOL_CHANGE, useRefresh } from "./use-refresh";

const FIELDS = ["name", "size", "idleTimeoutMinutes", "groupId", "memberIds"] as const;

export function PoolForm({
  pool,
  members,
  onBusy,
  onDone,
}: {
  pool: PoolRow | null;
  members: Member[];
  onBusy: (busy: boolean) => void;
  onDone: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const choices = useQuery(trpc.adminLicenses.choices.queryOptions());
  const [formError, setFormError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Member[]>(members);
  const form = useForm<PoolInput>({
    resolver: zodResolver(poolInput),
    defaultValues: {
      name: pool?.name ?? "",
      size: pool?.size ?? 1,
      idleTimeoutMinutes: pool?.idleTimeoutMinutes ?? 30,
      groupId: pool?.group?.id ?? null,
      memberIds: members.map((m) => m.id),
    },
  });
  const { errors } = form.formState;
  const groupId = useWatch({ control: form.control, name: "groupId" });
  const groups = choices.data?.groups ?? [];

  const callbacks = {
    onMutate: () => onBusy(true),
    onSettled: () => onBusy(false),
    onSuccess: (result: { pool: { name: string }; notices: string[] }) => {
      toast.success(
        `Pool "${result.pool.name}" saved.`,
        result.notices.length ? { description: result.notices.join(" "), duration: 12_000 } : undefined,
      );
      void refresh(...AFTER_POOL_CHANGE);
      onDone();
    },
    onError: (error: unknown) => setFormError(applyServerErrors(form, error, FIELDS)),
  };
  const create = useMutation(trpc.adminLicenses.createPool.mutationOptions(callbacks));
  const update = useMutation(trpc.adminLicenses.updatePool.mutationOptions(callbacks));
  const pending = create.isPending || update.isPending;

  function onSubmit(values: PoolInput) {
    setFormError(null);
    if (pool) update.mutate({ poolId: pool.id, ...values });
    else create.mutate(values);
  }

  function setMembers(next: Member[]) {
    setChosen(next);
    form.setValue(
      "memberIds",
      next.map((m) => m.id),
      { shouldDirty: true },
    );
    form.clearErrors("memberIds");
  }

  return (
    <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="grid gap-4">
      {formError ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{formError}</AlertDescription>
        </Alert>
      ) : null}
      <fieldset disabled={pending} className="grid gap-4 sm:grid-cols-2">
        <FormField id="pool-name" label="Name" error={errors.name?.message} className="sm:col-span-2">
          <Input autoComplete="off" autoFocus {...form.register("name")} />
        </FormField>
        <FormField
          id="pool-size"
          label="Seats"
          error={errors.size?.message}
          hint={
            "Shrinking below the seats in use ends nobody's seat; no new seat is granted until use is below the size."
          }
        >
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            {...form.register("size", { valueAsNumber: true })}
          />
        </FormField>
        <FormField
          id="pool-idle"
          label="Idle timeout (minutes)"
          error={errors.idleTimeoutMinutes?.message}
          hint={
            `From ${IDLE_TIMEOUT_MINUTES.min} to ${IDLE_TIMEOUT_MINUTES.max} minutes without activity ` +
            `frees the seat.`
          }
        >
          <Input
            type="number"
            inputMode="numeric"
            min={IDLE_TIMEOUT_MINUTES.min}
            max={IDLE_TIMEOUT_MINUTES.max}
            step={1}
            {...form.register("idleTimeoutMinutes", { valueAsNumber: true })}
          />
        </FormField>
        <FormField
          id="pool-group"
          label="Group served (optional)"
          error={errors.groupId?.message}
          className="sm:col-span-2"
        >
          {/* Controlled, so the choice shows correctly even when the groups arrive after the form. */}
          <NativeSelect
            value={groupId ?? ""}
            onChange={(e) => form.setValue("groupId", e.target.value || null, { shouldDirty: true })}
          >
            <option value="">No particular group</option>
            {pool?.group && !groups.some((g) => g.id === pool.group!.id) ? (
              <option value={pool.group.id}>{pool.group.name}</option>
            ) : null}
            {groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
          </NativeSelect>
        </FormField>
      </fieldset>
      <MembersPicker
        id="pool-members"
        poolId={pool?.id ?? null}
        value={chosen}
        onChange={setMembers}
        error={errors.memberIds?.message ?? errors.memberIds?.root?.message}
        disabled={pending}
      />
      <DialogFooter>
        <Button type="button" variant="outline" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : pool ? "Save changes" : "Create pool"}
        </Button>
      </DialogFooter>
    </form>
  );
}
