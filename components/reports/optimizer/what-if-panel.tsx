"use client";
import { useMemo, useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { whatIfInput, type WhatIfInputRaw } from "@/lib/validation/insight";
import type { Recommendation } from "@/server/insight/types";
import type { ReportChoices } from "@/server/insight/report-choices";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { issuesToErrors } from "../shared/form-errors";
import type { OptimizerRun } from "./optimizer-form";
import { WhatIfOutcomeView } from "./what-if-outcome";

type Group = { scope: string; name: string; agents: { id: string; name: string }[] };
type MixForm = { named: string[]; seats: Record<string, string> };

/** Agents grouped as they share seats today: named-seat holders, then each pool. */
function groupsOf(choices: ReportChoices): Group[] {
  const named: Group = { scope: "named", name: "Named seats today", agents: [] };
  const pools = new Map(choices.pools.map((p) => [p.id, { scope: p.id, name: p.name, agents: [] } as Group]));
  for (const a of choices.agents)
    (a.license.kind === "NAMED" ? named : pools.get(a.license.poolId))?.agents.push({ id: a.id, name: a.name });
  return [named, ...pools.values()];
}

const seatsOf = (text: string | undefined) => (!text || text.trim() === "" ? Number.NaN : Number(text.trim()));

function inputOf(base: OptimizerRun, groups: Group[], values: MixForm): WhatIfInputRaw {
  return {
    ...base,
    namedUserIds: values.named ?? [],
    concurrentSeats: groups.map((g) => ({ scope: g.scope, seats: seatsOf(values.seats?.[g.scope]) })),
  };
}

/**
 * "What if": the administrator's own mix (who holds named seats, how many concurrent seats each
 * group shares), replayed against the same history, period, prices and service level as the
 * last recommendation.
 */
export function WhatIfPanel({
  choices,
  base,
  rec,
  start,
}: {
  choices: ReportChoices;
  base: OptimizerRun;
  rec: Recommendation;
  start: "today" | "recommendation";
}) {
  const trpc = useTRPC();
  const groups = useMemo(() => groupsOf(choices), [choices]);
  const today: MixForm = {
    named: choices.agents.filter((a) => a.license.kind === "NAMED").map((a) => a.id),
    seats: Object.fromEntries(
      groups.map((g) => [g.scope, String(choices.pools.find((p) => p.id === g.scope)?.size ?? 0)]),
    ),
  };
  const recommended: MixForm = {
    named: rec.named.map((n) => n.userId),
    seats: Object.fromEntries(
      groups.map((g) => [g.scope, String(rec.pools.find((p) => p.scope === g.scope)?.concurrentSeats ?? 0)]),
    ),
  };

  const resolver: Resolver<MixForm> = async (values) => {
    const parsed = whatIfInput.safeParse(inputOf(base, groups, values));
    if (parsed.success) return { values, errors: {} };
    return {
      values: {},
      errors: issuesToErrors<MixForm>(parsed.error.issues, (path) => {
        const seat = /^concurrentSeats\.(\d+)/.exec(path);
        if (seat) return `seats.${groups[Number(seat[1])]?.scope}`;
        return path.startsWith("namedUserIds") ? "named" : null;
      }),
    };
  };
  const form = useForm<MixForm>({ resolver, defaultValues: start === "today" ? today : recommended });
  const [input, setInput] = useState<WhatIfInputRaw | null>(null);
  const outcome = useQuery(
    trpc.reports.whatIf.queryOptions(input ?? skipToken, { placeholderData: keepPreviousData, staleTime: 60_000 }),
  );
  const errors = form.formState.errors;

  return (
    <Card role="region" aria-labelledby="what-if-title" data-testid="what-if">
      <CardHeader>
        <CardTitle id="what-if-title">What if</CardTitle>
        <CardDescription>
          Try your own mix: tick who gets a named seat and how many concurrent seats the rest of each group share. It is
          replayed against the same history; nothing changes until an administrator changes the licenses.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-6">
        <form
          noValidate
          aria-label="Your mix"
          className="space-y-4"
          onSubmit={form.handleSubmit((values) => setInput(inputOf(base, groups, values)))}
        >
          <div className="flex flex-wrap gap-2">
            <Button type="button" variant="outline" size="sm" onClick={() => form.reset(today)}>
              Start from today&apos;s seats
            </Button>
            <Button type="button" variant="outline" size="sm" onClick={() => form.reset(recommended)}>
              Start from the recommendation
            </Button>
          </div>
          {errors.named?.message || errors.root?.message ? (
            <p role="alert" className="text-sm text-destructive">
              {errors.named?.message ?? errors.root?.message}
            </p>
          ) : null}
          <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
            {groups.map((g) => (
              <fieldset key={g.scope} className="space-y-3 rounded-lg border p-3">
                <legend className="px-1 text-sm font-semibold">
                  {g.name} ({g.agents.length} agents)
                </legend>
                {g.agents.length === 0 ? (
                  <p className="text-sm text-muted-foreground">No agents.</p>
                ) : (
                  <div className="grid max-h-56 gap-1.5 overflow-auto">
                    {g.agents.map((a) => (
                      <label key={a.id} className="flex items-center gap-2 text-sm">
                        <input
                          type="checkbox"
                          value={a.id}
                          className="size-4 accent-primary"
                          {...form.register("named")}
                        />
                        {a.name} <span className="sr-only">gets a named seat</span>
                      </label>
                    ))}
                  </div>
                )}
                <FormField
                  id={`what-if-seats-${g.scope}`}
                  label="Concurrent seats shared by the others"
                  error={errors.seats?.[g.scope]?.message}
                >
                  <Input
                    inputMode="numeric"
                    autoComplete="off"
                    className="w-28"
                    {...form.register(`seats.${g.scope}`)}
                  />
                </FormField>
              </fieldset>
            ))}
          </div>
          <Button type="submit" disabled={outcome.isFetching}>
            {outcome.isFetching ? "Replaying…" : "Replay this mix"}
          </Button>
        </form>
        {input === null ? null : outcome.isError ? (
          <LoadErrorAlert
            title="This mix could not be replayed"
            error={outcome.error}
            onRetry={() => void outcome.refetch()}
          />
        ) : outcome.data ? (
          <WhatIfOutcomeView outcome={outcome.data} today={rec} stale={outcome.isPlaceholderData} />
        ) : (
          <p role="status" className="text-sm text-muted-foreground">
            Replaying the history against your mix…
          </p>
        )}
      </CardContent>
    </Card>
  );
}
