import type { Recommendation, WhatIfOutcome } from "@/server/insight/types";
import { EmptyState } from "@/components/ui/empty-state";
import { CostChart } from "./cost-chart";
import { ReplayTable } from "./replay-table";
import { NumTable } from "../shared/num-table";
import { money, number, percent, wait } from "../shared/format";

/** The replayed outcome of the administrator's mix, against today's seats. */
export function WhatIfOutcomeView({
  outcome,
  today,
  stale,
}: {
  outcome: WhatIfOutcome;
  today: Pick<Recommendation, "today" | "replayToday">;
  stale: boolean;
}) {
  if (outcome.empty)
    return (
      <EmptyState title="Nothing to replay in this period">
        {outcome.message ?? "No one held or asked for a seat between these dates."}
      </EmptyState>
    );
  const diff = outcome.costToday.cents - outcome.cost.cents;
  return (
    <div className={stale ? "space-y-6 opacity-60" : "space-y-6"} aria-busy={stale} data-testid="what-if-outcome">
      <div role="status" className="space-y-1 text-sm leading-relaxed">
        <p className="font-medium">
          Your mix: {number(outcome.namedSeats)} named and {number(outcome.concurrentSeats)} concurrent seats,{" "}
          {money(outcome.cost.cents, outcome.currency)} a month
          {diff > 0
            ? ` (${money(diff, outcome.currency)} less than today)`
            : diff < 0
              ? ` (${money(-diff, outcome.currency)} more than today)`
              : " (the same as today)"}
          ; {percent(outcome.replay.refusalRate)} of attempts refused.
        </p>
        {outcome.explanation.map((line, i) => (
          <p key={i}>{line}</p>
        ))}
      </div>
      <CostChart
        id="what-if-cost"
        title="Cost today against your mix"
        summary={
          `Today ${money(outcome.costToday.cents, outcome.currency)} a month; your ` +
          `mix ${money(outcome.cost.cents, outcome.currency)}.`
        }
        columns={[
          { name: "Today", ...today.today, cost: outcome.costToday },
          {
            name: "Your mix",
            namedSeats: outcome.namedSeats,
            concurrentSeats: outcome.concurrentSeats,
            cost: outcome.cost,
          },
        ]}
      />
      <ReplayTable
        label="Replay: today against your mix"
        columns={[
          { name: "Today", replay: today.replayToday },
          { name: "Your mix", replay: outcome.replay },
        ]}
      />
      <NumTable
        label="Your mix per group"
        rows={outcome.pools}
        rowKey={(p) => p.scope}
        columns={[
          { header: "Group", cell: (p) => p.name },
          { header: "Named", cell: (p) => number(p.namedUserIds.length), numeric: true },
          { header: "Concurrent", cell: (p) => number(p.concurrentSeats), numeric: true },
          { header: "Refused", cell: (p) => percent(p.replay.refusalRate), numeric: true },
          {
            header: "Longest wait",
            cell: (p) => (p.replay.refused ? wait(p.replay.waits.maxSeconds) : "—"),
            numeric: true,
          },
        ]}
      />
    </div>
  );
}
