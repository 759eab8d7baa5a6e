"use client";
import { useForm, useWatch } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import { saveTargetsInput, type SaveTargetsInput } from "@/lib/validation/service-levels";
import { PRIORITIES } from "@/lib/validation/tickets";
import { formatTarget } from "@/lib/tickets/sla-clock";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { toast } from "@/components/ui/toaster";
import { checkboxClass, QuerySection, SaveForm } from "./section";
import { useServiceLevels, type ServiceLevelsData } from "./use-service-levels";

/** Response and resolution targets per priority, in business minutes or around the clock. */
export function TargetsCard() {
  const { query, store } = useServiceLevels();
  return (
    <QuerySection
      title="SLA targets"
      description={
        "How soon an agent must first reply and how soon the ticket must be resolved, per priority. Business-hours " +
        "targets count only while the desk is open. Pending pauses a running clock and moves its due time later " +
        "by the business time paused; a clock already breached is not paused (a breach stays a breach). A ticket " +
        "keeps the targets it was opened under: a change applies to tickets opened or re-prioritised from now on."
      }
      query={query}
    >
      {(data) => <TargetsForm current={data} onSaved={store} />}
    </QuerySection>
  );
}

function TargetsForm({ current, onSaved }: { current: ServiceLevelsData; onSaved: (data: ServiceLevelsData) => void }) {
  const trpc = useTRPC();
  const form = useForm<SaveTargetsInput>({
    resolver: zodResolver(saveTargetsInput),
    defaultValues: { targets: current.targets },
  });
  // Every target is checked in the browser: what the server refuses belongs to the form as a whole.
  const refusal = useFormError(form, []);
  const errors = form.formState.errors.targets;
  const save = useMutation(
    trpc.adminServiceLevels.saveTargets.mutationOptions({
      onSuccess: (data, values) => {
        const kept = PRIORITIES.filter((p) => !sameTarget(values.targets[p], current.targets[p]));
        onSaved(data);
        form.reset({ targets: data.targets });
        toast.success(kept.length ? `SLA targets saved. ${reach(kept, data.openTickets)}` : "SLA targets saved.");
      },
      onError: (error) => {
        refusal.showServerError(error);
        toast.error("The SLA targets were not saved.");
      },
    }),
  );
  const watched = useWatch({ control: form.control, name: "targets" });
  const changed = PRIORITIES.filter((p) => !sameTarget(watched?.[p], current.targets[p]));

  return (
    <SaveForm
      form={form}
      save={save}
      refusal={refusal}
      saveLabel="Save targets"
      saved={{ targets: current.targets }}
      fieldsClassName="gap-3"
      after={
        <p role="status" className="text-muted-foreground text-sm" data-testid="targets-reach">
          {reach(changed.length ? changed : [...PRIORITIES], current.openTickets)}
        </p>
      }
    >
      <legend className="sr-only">Targets per priority</legend>
      {PRIORITIES.map((p) => {
        const t = watched?.[p];
        const summary =
          t && Number.isFinite(t.responseMinutes) && Number.isFinite(t.resolutionMinutes)
            ? `Reply within ${formatTarget({ minutes: t.responseMinutes, aroundTheClock: t.aroundTheClock })}, ` +
              `resolve within ${formatTarget({ minutes: t.resolutionMinutes, aroundTheClock: t.aroundTheClock })}.`
            : undefined;
        return (
          <div key={p} className="grid items-start gap-3 rounded-lg border p-3 sm:grid-cols-[3rem_1fr_1fr_auto]">
            <p className="pt-7 font-semibold" aria-hidden>
              {p}
            </p>
            <FormField
              id={`target-${p}-response`}
              label={`${p} response (minutes)`}
              error={errors?.[p]?.responseMinutes?.message}
              hint={summary}
            >
              <Input
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                {...form.register(`targets.${p}.responseMinutes`, { valueAsNumber: true })}
              />
            </FormField>
            <FormField
              id={`target-${p}-resolution`}
              label={`${p} resolution (minutes)`}
              error={errors?.[p]?.resolutionMinutes?.message}
            >
              <Input
                type="number"
                inputMode="numeric"
                min={1}
                step={1}
                {...form.register(`targets.${p}.resolutionMinutes`, { valueAsNumber: true })}
              />
            </FormField>
            <label className="flex items-center gap-2 pt-7 text-sm">
              <input type="checkbox" className={checkboxClass} {...form.register(`targets.${p}.aroundTheClock`)} />
              Around the clock
            </label>
          </div>
        );
      })}
    </SaveForm>
  );
}

type Target = { responseMinutes: number; resolutionMinutes: number; aroundTheClock: boolean };
const sameTarget = (a: Target | undefined, b: Target) =>
  !!a &&
  a.responseMinutes === b.responseMinutes &&
  a.resolutionMinutes === b.resolutionMinutes &&
  a.aroundTheClock === b.aroundTheClock;

/** Which tickets a change of these priorities' targets reaches, and how many open ones it leaves be. */
function reach(priorities: readonly (typeof PRIORITIES)[number][], open: ServiceLevelsData["openTickets"]): string {
  const which = priorities.length === PRIORITIES.length ? "" : `${joinAnd(priorities)} `;
  const n = priorities.reduce((sum, p) => sum + open[p], 0);
  const keep = n === 1 ? "ticket keeps its" : "tickets keep their";
  return (
    `Applies to ${which}tickets opened or re-prioritised from now on; ` +
    `the ${n.toLocaleString("en")} open ${which}${keep} targets and due times.`
  );
}

const joinAnd = (items: readonly string[]) =>
  items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
