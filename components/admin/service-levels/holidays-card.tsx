"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { errorMessage } from "@/lib/trpc/errors";
import { addHolidayInput, type AddHolidayInput } from "@/lib/validation/service-levels";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { QueryState } from "@/components/ui/query-state";
import { DataTable, TableCell } from "@/components/ui/table";
import { FormShell } from "@/components/ui/form-dialog";
import { toast } from "@/components/ui/toaster";
import { Section } from "./section";

const longDate = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", {
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** Days the desk is closed, a calendar year at a time (the list's pages). */
export function HolidaysCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(() => new Date().getFullYear());
  const query = useQuery(trpc.adminServiceLevels.holidays.queryOptions({ year }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.adminServiceLevels.holidays.queryKey() });
  const remove = useMutation(
    trpc.adminServiceLevels.removeHoliday.mutationOptions({
      onSuccess: (_, { date }) => {
        toast.success(`${longDate(date)} is a working day again.`);
        void refresh();
      },
      onError: (error) => {
        toast.error(errorMessage(error));
        void refresh();
      },
    }),
  );

  return (
    <Section
      title="Holidays"
      description={
        "Days the desk is closed, in its time zone: business-hours clocks do not count them. " +
        "Around-the-clock targets (P1 by default) keep counting."
      }
    >
      <div className="grid gap-4">
        <AddHolidayForm
          onAdded={(date) => {
            setYear(Number(date.slice(0, 4)));
            void refresh();
          }}
        />
        <nav aria-label="Holiday years" className="flex items-center gap-2">
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() => setYear((y) => y - 1)}
            disabled={year <= 2000}
          >
            ← {year - 1}
          </Button>
          <h3 className="min-w-16 text-center font-medium" aria-live="polite">
            {year}
          </h3>
          <Button
            type="button"
            variant="outline"
            size="sm"
            onClick={() => setYear((y) => y + 1)}
            disabled={year >= 2100}
          >
            {year + 1} →
          </Button>
        </nav>
        <QueryState
          query={query}
          errorTitle={`Could not load the holidays of ${year}`}
          loadingLabel={`Loading the holidays of ${year}…`}
          isEmpty={(data) => data.holidays.length === 0}
          empty={{ title: `No holidays in ${year}`, description: "Add the days the desk is closed above." }}
        >
          {(data) => (
            <DataTable
              columns={["Date", "Name", { label: "Actions", srOnly: true, className: "w-0" }]}
              rows={data.holidays}
              rowKey={(h) => h.date}
              cells={(h) => (
                <>
                  <TableCell>
                    <time dateTime={h.date}>{longDate(h.date)}</time>
                  </TableCell>
                  <TableCell>{h.name}</TableCell>
                  <TableCell>
                    <Button
                      type="button"
                      variant="outline"
                      size="sm"
                      disabled={remove.isPending}
                      onClick={() => remove.mutate({ date: h.date })}
                      aria-label={`Remove ${h.name} (${longDate(h.date)})`}
                    >
                      Remove
                    </Button>
                  </TableCell>
                </>
              )}
            />
          )}
        </QueryState>
      </div>
    </Section>
  );
}

function AddHolidayForm({ onAdded }: { onAdded: (date: string) => void }) {
  const trpc = useTRPC();
  const form = useForm<AddHolidayInput>({
    resolver: zodResolver(addHolidayInput),
    defaultValues: { date: "", name: "" },
  });
  const { formError, clearFormError, showServerError } = useFormError(form, ["date", "name"]);
  const { errors } = form.formState;
  const add = useMutation(
    trpc.adminServiceLevels.addHoliday.mutationOptions({
      onSuccess: (h) => {
        toast.success(`${h.name} (${longDate(h.date)}) added.`);
        form.reset({ date: "", name: "" });
        onAdded(h.date);
      },
      onError: (error) => showServerError(error),
    }),
  );
  return (
    <FormShell
      onSubmit={form.handleSubmit((values) => {
        clearFormError();
        add.mutate(values);
      })}
      error={formError}
      pending={add.isPending}
      className="gap-3"
      fieldsClassName="items-start gap-3 sm:grid-cols-[12rem_1fr_auto]"
      // The button sits in the fields' row.
      actions={null}
    >
      <legend className="sr-only">Add a holiday</legend>
      <FormField id="holiday-date" label="Date" error={errors.date?.message}>
        <Input type="date" {...form.register("date")} />
      </FormField>
      <FormField id="holiday-name" label="Name" error={errors.name?.message}>
        <Input placeholder="New Year's Day" maxLength={80} {...form.register("name")} />
      </FormField>
      <Button type="submit" className="sm:mt-6" disabled={add.isPending}>
        {add.isPending ? "Adding…" : "Add holiday"}
      </Button>
    </FormShell>
  );
}
