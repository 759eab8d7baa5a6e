"use client";
import { useState } from "react";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { defaultOptimizerForm, OptimizerFormView, type OptimizerRun } from "./optimizer-form";
import { RecommendationView } from "./recommendation-view";
import { WhatIfPanel } from "./what-if-panel";
import { SeatPricesCard } from "./seat-prices-card";

/** The seat mix optimizer: settings, the recommendation, then "what if" on the same history. */
export function OptimizerView({ canEditPrices }: { canEditPrices: boolean }) {
  const trpc = useTRPC();
  const choices = useQuery(trpc.reports.choices.queryOptions());
  const [run, setRun] = useState<OptimizerRun | null>(null);
  const [whatIfStart, setWhatIfStart] = useState<{ from: "today" | "recommendation"; key: number }>({
    from: "today",
    key: 0,
  });
  const rec = useQuery(
    trpc.reports.optimize.queryOptions(run ?? skipToken, { placeholderData: keepPreviousData, staleTime: 60_000 }),
  );

  if (choices.isPending)
    return (
      <p role="status" className="text-sm text-muted-foreground">
        Loading prices and seats…
      </p>
    );
  if (choices.isError)
    return (
      <LoadErrorAlert
        title="The optimizer could not be loaded"
        error={choices.error}
        onRetry={() => void choices.refetch()}
      />
    );
  const { prices } = choices.data;

  return (
    <div className="space-y-6">
      {canEditPrices ? <SeatPricesCard prices={prices} /> : null}
      <OptimizerFormView
        defaults={defaultOptimizerForm(prices)}
        currency={prices.currency}
        onRun={setRun}
        pending={rec.isFetching}
        serverError={rec.error}
      />
      {run === null ? (
        <p className="text-sm text-muted-foreground">
          Choose the period and the service level, then ask for a recommendation. Prices start at what your organisation
          pays today.
        </p>
      ) : rec.isError ? (
        <LoadErrorAlert title="No recommendation" error={rec.error} onRetry={() => void rec.refetch()} />
      ) : !rec.data ? (
        <p role="status" className="text-sm text-muted-foreground">
          Replaying the recorded seat history…
        </p>
      ) : (
        <div className={rec.isPlaceholderData ? "space-y-6 opacity-60" : "space-y-6"} aria-busy={rec.isPlaceholderData}>
          <RecommendationView
            rec={rec.data}
            onTryInWhatIf={() => {
              setWhatIfStart((s) => ({ from: "recommendation", key: s.key + 1 }));
              requestAnimationFrame(() =>
                document.getElementById("what-if-title")?.scrollIntoView({ behavior: "smooth" }),
              );
            }}
          />
          {rec.data.empty || rec.isPlaceholderData ? null : (
            <WhatIfPanel
              key={`${whatIfStart.key}-${rec.dataUpdatedAt}`}
              choices={choices.data}
              base={run}
              rec={rec.data}
              start={whatIfStart.from}
            />
          )}
        </div>
      )}
    </div>
  );
}
