"use client";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { saveBusinessHoursInput, WEEKDAY_LABEL, type SaveBusinessHoursInput } from "@/lib/validation/service-levels";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { toast } from "@/components/ui/toaster";
import { checkboxClass, QuerySection, SaveForm } from "./section";
import { useServiceLevels, type ServiceLevelsData } from "./use-service-levels";

/** The desk's open hours per weekday, in the time zone of the settings below. */
export function BusinessHoursCard() {
  const { query, store } = useServiceLevels();
  return (
    <QuerySection
      title="Business hours"
      description={
        <>
          When the desk is open, in{" "}
          {query.data ? <strong>{query.data.settings.timeZone}</strong> : "the desk's time zone"}. Business-hours
          targets count only these hours, and not on holidays. Times use the 24-hour clock (08:00); 24:00 is midnight at
          the end of the day, so a desk open around the clock opens every day from 00:00 to 24:00. A change (like one of
          holidays or the time zone) applies to tickets opened or re-prioritised from now on and to Pending pauses that
          end from now on; due times already set do not move. An opening inside the hour a daylight-saving change
          repeats is its first occurrence.
        </>
      }
      query={query}
    >
      {(data) => <BusinessHoursForm current={data} onSaved={store} />}
    </QuerySection>
  );
}

function BusinessHoursForm({
  current,
  onSaved,
}: {
  current: ServiceLevelsData;
  onSaved: (data: ServiceLevelsData) => void;
}) {
  const trpc = useTRPC();
  const form = useForm<SaveBusinessHoursInput>({
    resolver: zodResolver(saveBusinessHoursInput),
    defaultValues: { days: current.days },
  });
  const refusal = useFormError(form, ["days"]);
  const { errors } = form.formState;
  const save = useMutation(
    trpc.adminServiceLevels.saveBusinessHours.mutationOptions({
      onSuccess: (data) => {
        onSaved(data);
        form.reset({ days: data.days });
        toast.success("Business hours saved.");
      },
      onError: (error) => {
        refusal.showServerError(error);
        toast.error("The business hours were not saved.");
      },
    }),
  );
  const days = useWatch({ control: form.control, name: "days" });

  return (
    <SaveForm
      form={form}
      save={save}
      refusal={refusal}
      saveLabel="Save business hours"
      saved={{ days: current.days }}
      fieldsClassName="gap-2"
      before={
        errors.days?.message ? (
          <p role="alert" className="text-sm text-destructive">
            {errors.days.message}
          </p>
        ) : null
      }
    >
      <legend className="sr-only">Open hours per weekday</legend>
      {current.days.map((day, i) => {
        const name = WEEKDAY_LABEL[day.weekday as keyof typeof WEEKDAY_LABEL];
        const open = days?.[i]?.open ?? day.open;
        return (
          <div key={day.weekday} className="grid items-start gap-3 sm:grid-cols-[9rem_1fr_1fr]">
            <label className="flex items-center gap-2 pt-7 text-sm font-medium">
              <input type="checkbox" className={checkboxClass} {...form.register(`days.${i}.open`)} />
              {name} {open ? "" : <span className="font-normal text-muted-foreground">(closed)</span>}
            </label>
            {/* Text, not type="time": a desk can close at 24:00, which time inputs cannot hold.
                Closed days keep their times (ignored). */}
            <FormField
              id={`day-${day.weekday}-open`}
              label={`${name} opens`}
              error={errors.days?.[i]?.openTime?.message}
              className={open ? undefined : "opacity-60"}
            >
              <Input
                type="text"
                inputMode="numeric"
                placeholder="08:00"
                autoComplete="off"
                {...form.register(`days.${i}.openTime`)}
              />
            </FormField>
            <FormField
              id={`day-${day.weekday}-close`}
              label={`${name} closes`}
              error={errors.days?.[i]?.closeTime?.message}
              className={open ? undefined : "opacity-60"}
            >
              <Input
                type="text"
                inputMode="numeric"
                placeholder="18:00"
                autoComplete="off"
                {...form.register(`days.${i}.closeTime`)}
              />
            </FormField>
          </div>
        );
      })}
    </SaveForm>
  );
}
