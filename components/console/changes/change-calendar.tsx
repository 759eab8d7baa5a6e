"use client";
import { useState } from "react";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { CHANGE_STATE_LABEL, type ChangeStateValue } from "@/lib/validation/changes";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

type Span = "week" | "month";

/** Monday 00:00 of the week, or the 1st of the month, in the reader's time zone. */
function periodStart(at: Date, span: Span): Date {
  const d = new Date(at.getFullYear(), at.getMonth(), span === "month" ? 1 : at.getDate());
  if (span === "week") d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d;
}
function shift(start: Date, span: Span, by: number): Date {
  const d = new Date(start);
  if (span === "week") d.setDate(d.getDate() + 7 * by);
  else d.setMonth(d.getMonth() + by);
  return d;
}
const dayKey = (d: Date) =>
  new Date(d).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short" });

/** The change calendar: planned changes by day, a week or a month at a time, with overlaps and blackouts. */
export function ChangeCalendar() {
  const trpc = useTRPC();
  const [span, setSpan] = useState<Span>("week");
  const [from, setFrom] = useState(() => periodStart(new Date(), "week"));
  const to = shift(from, span, 1);
  const query = useQuery({
    ...trpc.changes.calendar.queryOptions({ from, to }),
    placeholderData: keepPreviousData,
  });
  const days = new Map<string, NonNullable<typeof query.data>["changes"]>();
  for (const c of query.data?.changes ?? []) {
    const key = dayKey(new Date(Math.max(new Date(c.plannedStart).getTime(), from.getTime())));
    days.set(key, [...(days.get(key) ?? []), c]);
  }
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <div role="group" aria-label="Show" className="flex gap-1">
          {(["week", "month"] as const).map((s) => (
            <Button
              key={s}
              size="sm"
              variant={span === s ? "default" : "outline"}
              aria-pressed={span === s}
              onClick={() => {
                setSpan(s);
                setFrom(periodStart(from, s));
              }}
            >
              {s === "week" ? "Week" : "Month"}
            </Button>
          ))}
        </div>
        <Button size="sm" variant="outline" onClick={() => setFrom(shift(from, span, -1))}>
          Previous
        </Button>
        <Button size="sm" variant="outline" onClick={() => setFrom(periodStart(new Date(), span))}>
          Today
        </Button>
        <Button size="sm" variant="outline" onClick={() => setFrom(shift(from, span, 1))}>
          Next
        </Button>
        <p className="text-sm text-muted-foreground" aria-live="polite">
          {formatWhen(from)} to {formatWhen(to)}
        </p>
      </div>
      {query.isError ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>Could not load the calendar: {errorMessage(query.error)}</AlertDescription>
        </Alert>
      ) : null}
      {query.data?.blackouts.length ? (
        <Alert variant="warning">
          <AlertDescription>
            Blackout:{" "}
            {query.data.blackouts
              .map((b) => `${b.title} (${formatWhen(b.startsAt)} to ${formatWhen(b.endsAt)})`)
              .join("; ")}
          </AlertDescription>
        </Alert>
      ) : null}
      {query.data && query.data.changes.length === 0 ? (
        <EmptyState title="No change planned in this period">Planned changes appear here by day.</EmptyState>
      ) : (
        [...days.entries()].map(([day, changes]) => (
          <section key={day} aria-label={day} className="space-y-1">
            <h2 className="text-sm font-medium">{day}</h2>
            <ul className="space-y-1">
              {changes.map((c) => (
                <li key={c.ticketId} className="rounded-md border p-2 text-sm">
                  <Link href={`/console/tickets/${c.displayNumber}`} className="font-medium hover:underline">
                    {c.displayNumber} · {c.title}
                  </Link>{" "}
                  <Badge variant="secondary">{CHANGE_STATE_LABEL[c.state as ChangeStateValue]}</Badge>{" "}
                  <span className="text-muted-foreground">
                    {formatWhen(c.plannedStart)} to {formatWhen(c.plannedEnd)}
                  </span>
                  {c.overlaps.length ? (
                    <Badge variant="warning" className="ml-2">
                      Overlaps {c.overlaps.join(", ")}
                    </Badge>
                  ) : null}
                  {c.blackouts.length ? (
                    <Badge variant="destructive" className="ml-2">
                      In blackout: {c.blackouts.join(", ")}
                    </Badge>
                  ) : null}
                </li>
              ))}
            </ul>
          </section>
        ))
      )}
    </div>
  );
}
