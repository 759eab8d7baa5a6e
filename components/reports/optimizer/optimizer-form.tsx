"use client";
import { useEffect } from "react";
import { useForm, useWatch, type Resolver } from "react-hook-form";
import { optimizerInput, type OptimizerInputRaw } from "@/lib/validation/insight";
import { centsToPrice, priceToCents, type SeatPricesInput } from "@/lib/validation/seat-prices";
import { applyServerErrors } from "@/lib/trpc/errors";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { PeriodFields } from "../shared/period-fields";
import { defaultPeriodForm, periodOf, type PeriodForm } from "../shared/period";
import { issuesToErrors } from "../shared/form-errors";

export type OptimizerRun = OptimizerInputRaw & {
  from: Date;
  to: Date;
  namedPriceCents: number;
  concurrentPriceCents: number;
};
export type OptimizerForm = PeriodForm & {
  namedPrice: string;
  concurrentPrice: string;
  levelKind: "maxRefusalRate" | "maxWaitMinutes";
  levelValue: string;
};

/** What was typed as a number; an empty field is not 0 but "not a number", so the schema says so. */
const typedNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text.trim().replace(",", ".")));

/** The procedure's input from the form, or the field whose date is missing. */
export function runOf(values: OptimizerForm): { run: OptimizerRun } | { field: "from" | "to"; message: string } {
  const period = periodOf(values);
  if ("field" in period) return period;
  const value = typedNumber(values.levelValue);
  return {
    run: {
      ...period.period,
      namedPriceCents: priceToCents(values.namedPrice),
      concurrentPriceCents: priceToCents(values.concurrentPrice),
      serviceLevel:
        values.levelKind === "maxRefusalRate"
          ? { kind: "maxRefusalRate", percent: value }
          : { kind: "maxWaitMinutes", minutes: value },
    },
  };
}

/** Which form field an input path belongs to; a preset period shows period errors at the preset. */
const fieldOf = (values: OptimizerForm) => (path: string) => {
  const top = path.split(".")[0];
  if (top === "namedPriceCents") return "namedPrice";
  if (top === "concurrentPriceCents") return "concurrentPrice";
  if (top === "serviceLevel") return "levelValue";
  if (top === "from" || top === "to") return values.preset === "custom" ? top : "preset";
  return null;
};

const resolver: Resolver<OptimizerForm> = async (values) => {
  const result = runOf(values);
  if ("field" in result)
    return { values: {}, errors: { [result.field]: { type: "validate", message: result.message } } };
  const parsed = optimizerInput.safeParse(result.run);
  if (parsed.success) return { values, errors: {} };
  return { values: {}, errors: issuesToErrors<OptimizerForm>(parsed.error.issues, fieldOf(values)) };
};

export function defaultOptimizerForm(prices: SeatPricesInput): OptimizerForm {
  return {
    ...defaultPeriodForm("90"),
    namedPrice: centsToPrice(prices.namedSeatMonthlyCents),
    concurrentPrice: centsToPrice(prices.concurrentSeatMonthlyCents),
    levelKind: "maxRefusalRate",
    levelValue: "5",
  };
}

/**
 * Period, prices (prefilled from the entitlement) and the service level the mix must meet.
 * A refusal by the server shows beside its field; what was typed stays.
 */
export function OptimizerFormView({
  defaults,
  currency,
  onRun,
  pending,
  serverError,
}: {
  defaults: OptimizerForm;
  currency: string;
  onRun: (run: OptimizerRun) => void;
  pending: boolean;
  serverError: unknown;
}) {
  const form = useForm<OptimizerForm>({ resolver, defaultValues: defaults });
  const [preset, levelKind] = useWatch({ control: form.control, name: ["preset", "levelKind"] });
  const { errors } = form.formState;

  // The refusal arrives with the result (the page runs the query): shown beside its field, focused.
  useEffect(() => {
    if (serverError) applyServerErrors(form, serverError, fieldOf(form.getValues()));
  }, [serverError, form]);

  return (
    <form
      noValidate
      aria-label="Optimizer settings"
      className="grid gap-4 rounded-xl border bg-card p-4"
      onSubmit={form.handleSubmit((values) => {
        const result = runOf(values);
        if ("run" in result) onRun(result.run);
      })}
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <PeriodFields idPrefix="optimizer" preset={preset} register={(f) => form.register(f)} errors={errors} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <FormField
          id="optimizer-named-price"
          label={`Named seat, per month (${currency})`}
          error={errors.namedPrice?.message}
        >
          <Input inputMode="decimal" autoComplete="off" {...form.register("namedPrice")} />
        </FormField>
        <FormField
          id="optimizer-concurrent-price"
          label={`Concurrent seat, per month (${currency})`}
          error={errors.concurrentPrice?.message}
        >
          <Input inputMode="decimal" autoComplete="off" {...form.register("concurrentPrice")} />
        </FormField>
        <fieldset className="grid gap-1.5">
          <legend className="mb-1.5 text-sm font-medium leading-none">Service level</legend>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              value="maxRefusalRate"
              className="size-4 accent-primary"
              {...form.register("levelKind")}
            />{" "}
            At most this share of attempts refused
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input
              type="radio"
              value="maxWaitMinutes"
              className="size-4 accent-primary"
              {...form.register("levelKind")}
            />{" "}
            No one waits longer than
          </label>
        </fieldset>
        <FormField
          id="optimizer-level"
          label={levelKind === "maxRefusalRate" ? "Refused attempts, at most (%)" : "Longest wait (minutes)"}
          error={errors.levelValue?.message}
        >
          <Input inputMode="decimal" autoComplete="off" {...form.register("levelValue")} />
        </FormField>
      </div>
      <div>
        <Button type="submit" disabled={pending}>
          {pending ? "Replaying the history…" : "Recommend a mix"}
        </Button>
      </div>
    </form>
  );
}
