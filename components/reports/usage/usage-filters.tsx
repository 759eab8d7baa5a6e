"use client";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { usageReportInput } from "@/lib/validation/insight";
import type { ReportPool } from "@/server/insight/report-choices";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { PeriodFields } from "../shared/period-fields";
import { periodOf, type PeriodForm } from "../shared/period";
import { issuesToErrors, topLevel } from "../shared/form-errors";

export type UsageQuery = { from: Date; to: Date; scope: string };
export type UsageFilterForm = PeriodForm & { scope: string };

/** Checks what will be sent with the procedure's own schema, so messages match the server's. */
const resolver: Resolver<UsageFilterForm> = async (values) => {
  const result = periodOf(values);
  if ("field" in result)
    return { values: {}, errors: { [result.field]: { type: "validate", message: result.message } } };
  const parsed = usageReportInput.safeParse({ ...result.period, scope: values.scope });
  if (parsed.success) return { values, errors: {} };
  return {
    values: {},
    errors: issuesToErrors<UsageFilterForm>(parsed.error.issues, (path) =>
      values.preset === "custom" ? topLevel(path) : path === "scope" ? "scope" : "preset",
    ),
  };
};

/** Period and scope of the usage report; applied on submit, so a half-typed date never runs a report. */
export function UsageFilters({
  pools,
  defaults,
  onApply,
  pending,
}: {
  pools: ReportPool[];
  defaults: UsageFilterForm;
  onApply: (query: UsageQuery) => void;
  pending: boolean;
}) {
  const form = useForm<UsageFilterForm>({ resolver, defaultValues: defaults });
  const preset = useWatch({ control: form.control, name: "preset" });
  const { errors } = form.formState;
  return (
    <form
      noValidate
      aria-label="Choose the report"
      className="flex flex-wrap items-end gap-4 rounded-xl border bg-card p-4"
      onSubmit={form.handleSubmit((values) => {
        const result = periodOf(values);
        if ("period" in result) onApply({ ...result.period, scope: values.scope });
      })}
    >
      <FormField id="usage-scope" label="Seats" error={errors.scope?.message} className="min-w-56">
        <NativeSelect {...form.register("scope")}>
          <option value="all">All seats (every pool and named seats)</option>
          <option value="named">Named seats</option>
          {pools.map((p) => (
            <option key={p.id} value={p.id}>
              Pool: {p.name} ({p.size} seats)
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <PeriodFields idPrefix="usage" preset={preset} register={(f) => form.register(f)} errors={errors} />
      <Button type="submit" disabled={pending}>
        {pending ? "Loading…" : "Show report"}
      </Button>
    </form>
  );
}
