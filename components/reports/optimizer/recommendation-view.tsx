import type { Recommendation } from "@/server/insight/types";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { CostChart } from "./cost-chart";
import { ReplayTable, serviceLevelText } from "./replay-table";
import { NumTable } from "../shared/num-table";
import { hours, money, number, percent, wait } from "../shared/format";

/** The optimizer's answer: cost today against recommended, who gets named seats and why, the replay. */
export function RecommendationView({ rec, onTryInWhatIf }: { rec: Recommendation; onTryInWhatIf: () => void }) {
  if (rec.empty) {
    return (
      <EmptyState title="No seat history to learn from in this period" className="bg-card">
        {rec.message ?? "No one held or asked for a seat between these dates."} Choose a longer period; the optimizer
        replays what really happened, so it needs some history.
      </EmptyState>
    );
  }
  const saving = rec.savingPerMonth.cents;
  const headline =
    saving > 0
      ? `${money(saving, rec.currency)} a month less than today`
      : saving < 0
        ? `${money(-saving, rec.currency)} a month more than today, to meet the service level`
        : "the same cost as today";
  return (
    <div className="space-y-6" data-testid="recommendation">
      <Card role="region" aria-labelledby="rec-title">
        <CardHeader>
          <CardTitle id="rec-title">
            Recommended: {number(rec.named.length)} named and {number(rec.concurrentSeats)} concurrent seats, {headline}
          </CardTitle>
          <CardDescription>
            Service level: {serviceLevelText(rec.serviceLevel)}. Replayed, this mix refuses{" "}
            {percent(rec.replay.refusalRate)} of attempts
            {rec.replay.refused
              ? `, and the refused wait ${wait(rec.replay.waits.p50Seconds)} ` +
                `typically, ${wait(rec.replay.waits.maxSeconds)} at most`
              : ""}
            .
          </CardDescription>
          {rec.proof ? <ProofLine proof={rec.proof} /> : null}
        </CardHeader>
        <CardContent className="space-y-2 text-sm leading-relaxed" data-testid="explanation">
          {rec.explanation.map((line, i) => (
            <p key={i}>{line}</p>
          ))}
          <Button type="button" variant="outline" size="sm" onClick={onTryInWhatIf}>
            Adjust this mix in “What if”
          </Button>
        </CardContent>
      </Card>

      <CostChart
        id="cost"
        title="Cost today against recommended"
        summary={
          `Today ${money(rec.costToday.cents, rec.currency)} a month for ${rec.today.namedSeats} ` +
          `named and ${rec.today.concurrentSeats} concurrent seats; ` +
          `recommended ${money(rec.costRecommended.cents, rec.currency)} for ${rec.named.length} named ` +
          `and ${rec.concurrentSeats} concurrent.`
        }
        columns={[
          {
            name: "Today",
            namedSeats: rec.today.namedSeats,
            concurrentSeats: rec.today.concurrentSeats,
            cost: rec.costToday,
          },
          {
            name: "Recommended",
            namedSeats: rec.named.length,
            concurrentSeats: rec.concurrentSeats,
            cost: rec.costRecommended,
          },
        ]}
      />

      <Card role="region" aria-labelledby="replay-title">
        <CardHeader>
          <CardTitle id="replay-title">What the recorded history would have looked like</CardTitle>
          <CardDescription>
            Every recorded wish for a seat in the period, replayed against today&apos;s seats and against the
            recommendation.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ReplayTable
            label="Replay: today against recommended"
            columns={[
              { name: "Today", replay: rec.replayToday },
              { name: "Recommended", replay: rec.replay },
            ]}
          />
        </CardContent>
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card role="region" aria-labelledby="named-title">
          <CardHeader>
            <CardTitle id="named-title">Named seats for these {number(rec.named.length)} agents</CardTitle>
            <CardDescription>
              A seat of their own costs less than the shared seats they would need: they use a seat much, or they hold
              one at the busiest moments (a light user always there at the peak is worth a named seat).
            </CardDescription>
          </CardHeader>
          <CardContent>
            {rec.named.length === 0 ? (
              <p className="text-sm text-muted-foreground">
                No one uses a seat enough to be worth a named seat at these prices.
              </p>
            ) : (
              <NumTable
                label="Agents recommended for named seats"
                rows={rec.named}
                rowKey={(n) => n.userId}
                columns={[
                  {
                    header: "Agent",
                    cell: (n) => (
                      <>
                        {n.name}
                        <div className="text-xs text-muted-foreground">{n.reason}</div>
                      </>
                    ),
                  },
                  { header: "Seat time", cell: (n) => hours(n.demandHours), numeric: true },
                  {
                    header: "Busy spells there",
                    cell: (n) =>
                      n.busySpells ? `${number(n.busySpellsPresent ?? 0)} of ${number(n.busySpells)}` : "–",
                    numeric: true,
                  },
                ]}
              />
            )}
          </CardContent>
        </Card>
        <Card role="region" aria-labelledby="groups-title">
          <CardHeader>
            <CardTitle id="groups-title">Concurrent seats per group</CardTitle>
            <CardDescription>The other agents of each pool share this many seats.</CardDescription>
          </CardHeader>
          <CardContent>
            <NumTable
              label="Recommendation per pool"
              rows={rec.pools}
              rowKey={(p) => p.scope}
              columns={[
                {
                  header: "Group",
                  cell: (p) => (
                    <>
                      {p.name}
                      <div className="text-xs text-muted-foreground">
                        {number(p.agents)} agents; today {p.namedToday} named, {p.concurrentToday} concurrent
                      </div>
                    </>
                  ),
                },
                { header: "Named", cell: (p) => number(p.named.length), numeric: true },
                { header: "Concurrent", cell: (p) => number(p.concurrentSeats), numeric: true },
                { header: "Refused", cell: (p) => percent(p.replay.refusalRate), numeric: true },
                {
                  header: "Above cheapest",
                  cell: (p) => (p.proof ? gapText(p.proof.gapPercent) : "–"),
                  numeric: true,
                },
              ]}
            />
          </CardContent>
        </Card>
      </div>
    </div>
  );
}

/** "0% (the cheapest)", "at most 2.5%", or "not proven". */
function gapText(gap: number | null): string {
  if (gap === null) return "not proven";
  return gap === 0 ? "0% (the cheapest)" : `at most ${gap}%`;
}

/** The proof under the headline: the cheapest possible, or how far above it at most. */
function ProofLine({ proof }: { proof: NonNullable<Recommendation["proof"]> }) {
  const bound = money(proof.lowerBound.cents, proof.lowerBound.currency);
  return (
    <p className="text-sm font-medium" data-testid="proof">
      {proof.gapPercent === 0
        ? `Proven the cheapest mix that meets the service level (${proof.method}).`
        : proof.gapPercent === null
          ? "The cheapest mix found; no lower bound above zero could be proven for this history."
          : `At most ${proof.gapPercent}% above the cheapest possible: no mix meeting the service level ` +
            `costs less than ${bound} a month (${proof.method}).`}
    </p>
  );
}
