"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";

/** Blackout windows: periods in which no change should be planned (the calendar flags changes in them). */
export function Blackouts() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.adminChanges.blackouts.queryOptions());
  const [values, setValues] = useState({ title: "", startsAt: "", endsAt: "" });
  const [errors, setErrors] = useState<Record<string, string | undefined>>({});
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.adminChanges.blackouts.queryKey() });
  const create = useMutation(
    trpc.adminChanges.createBlackout.mutationOptions({
      onSuccess: () => {
        toast.success("Blackout window added.");
        setValues({ title: "", startsAt: "", endsAt: "" });
        void refresh();
      },
      onError: (e) =>
        setErrors({ ...fieldErrors(e), form: Object.keys(fieldErrors(e)).length ? undefined : errorMessage(e) }),
    }),
  );
  const remove = useMutation(
    trpc.adminChanges.deleteBlackout.mutationOptions({
      onSuccess: () => void refresh(),
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Blackout windows</CardTitle>
        <CardDescription>Periods in which no change should be planned, such as the year-end close.</CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {list.data?.length === 0 ? (
          <EmptyState title="No blackout windows ahead">Add one below.</EmptyState>
        ) : (
          <ul className="space-y-1 text-sm" aria-label="Blackout windows">
            {list.data?.map((b) => (
              <li key={b.id} className="flex items-center gap-2">
                {b.title}: {formatWhen(b.startsAt)} to {formatWhen(b.endsAt)}
                <Button
                  size="sm"
                  variant="ghost"
                  disabled={remove.isPending}
                  onClick={() => remove.mutate({ id: b.id })}
                >
                  Remove
                </Button>
              </li>
            ))}
          </ul>
        )}
        <form
          noValidate
          className="grid gap-3 sm:grid-cols-4"
          onSubmit={(e) => {
            e.preventDefault();
            setErrors({});
            create.mutate({
              title: values.title,
              startsAt: values.startsAt ? new Date(values.startsAt) : new Date(NaN),
              endsAt: values.endsAt ? new Date(values.endsAt) : new Date(NaN),
            });
          }}
        >
          <FormField id="blackout-title" label="Name" error={errors.title}>
            <Input value={values.title} onChange={(e) => setValues({ ...values, title: e.target.value })} />
          </FormField>
          <FormField id="blackout-start" label="Starts" error={errors.startsAt}>
            <Input
              type="datetime-local"
              value={values.startsAt}
              onChange={(e) => setValues({ ...values, startsAt: e.target.value })}
            />
          </FormField>
          <FormField id="blackout-end" label="Ends" error={errors.endsAt ?? errors.form}>
            <Input
              type="datetime-local"
              value={values.endsAt}
              onChange={(e) => setValues({ ...values, endsAt: e.target.value })}
            />
          </FormField>
          <div className="flex items-end">
            <Button type="submit" size="sm" disabled={create.isPending}>
              Add blackout window
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
