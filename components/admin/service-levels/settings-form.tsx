"use client";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { AUTO_CLOSE_DAYS, saveSettingsInput, type SaveSettingsInput } from "@/lib/validation/service-levels";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { toast } from "@/components/ui/toaster";
import { QuerySection, SaveForm } from "./section";
import { useServiceLevels, type ServiceLevelsData } from "./use-service-levels";

/** Auto-close after N days, and the time zone of the business-hours calendar. */
export function SettingsCard() {
  const { query, store } = useServiceLevels();
  return (
    <QuerySection
      title="Auto-close and time zone"
      description={
        "A resolved ticket closes by itself after this many days unless its requester reopens " +
        "it (they can reopen it until then). The time zone is the one the business hours and holidays are in."
      }
      query={query}
    >
      {(data) => <SettingsForm current={data} onSaved={store} />}
    </QuerySection>
  );
}

const FIELDS = ["autoCloseDays", "timeZone"] as const;

function SettingsForm({
  current,
  onSaved,
}: {
  current: ServiceLevelsData;
  onSaved: (data: ServiceLevelsData) => void;
}) {
  const trpc = useTRPC();
  const form = useForm<SaveSettingsInput>({
    resolver: zodResolver(saveSettingsInput),
    defaultValues: current.settings,
  });
  const refusal = useFormError(form, FIELDS);
  const { errors } = form.formState;
  // The browser's list of IANA zones, offered as suggestions (any zone Intl knows is accepted).
  // Filled on first focus, so the server's render and the browser's agree.
  const [zones, setZones] = useState<string[]>([]);
  const loadZones = () => {
    if (!zones.length)
      setZones(typeof Intl.supportedValuesOf === "function" ? ["UTC", ...Intl.supportedValuesOf("timeZone")] : ["UTC"]);
  };
  const save = useMutation(
    trpc.adminServiceLevels.saveSettings.mutationOptions({
      onSuccess: (data) => {
        onSaved(data);
        form.reset(data.settings);
        toast.success(
          `Saved: resolved tickets close after ${data.settings.autoCloseDays} days; business hours are ` +
            `in ${data.settings.timeZone}.`,
        );
      },
      onError: (error) => {
        refusal.showServerError(error);
        toast.error("The settings were not saved.");
      },
    }),
  );

  return (
    <SaveForm form={form} save={save} refusal={refusal} saveLabel="Save settings" fieldsClassName="sm:grid-cols-2">
      <FormField
        id="settings-auto-close"
        label="Close resolved tickets after (days)"
        error={errors.autoCloseDays?.message}
        hint={`From ${AUTO_CLOSE_DAYS.min} to ${AUTO_CLOSE_DAYS.max} days.`}
      >
        <Input
          type="number"
          inputMode="numeric"
          min={AUTO_CLOSE_DAYS.min}
          max={AUTO_CLOSE_DAYS.max}
          step={1}
          {...form.register("autoCloseDays", { valueAsNumber: true })}
        />
      </FormField>
      <FormField
        id="settings-time-zone"
        label="Time zone"
        error={errors.timeZone?.message}
        hint="A name like Europe/Berlin or America/New_York."
      >
        <Input
          list="settings-time-zones"
          autoComplete="off"
          spellCheck={false}
          onFocus={loadZones}
          {...form.register("timeZone")}
        />
      </FormField>
      <datalist id="settings-time-zones">
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
    </SaveForm>
  );
}
