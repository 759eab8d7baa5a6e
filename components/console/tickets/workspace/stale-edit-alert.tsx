"use client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { StaleEditDetails } from "../types";
import { formatWhen } from "@/lib/date-time";
import { describeChange } from "./history-labels";

/**
 * A save refused because someone saved first: what they changed, by whom and when. The agent's
 * edits stay in the form; they choose to keep them (on top of the current ticket) or load theirs.
 */
export function StaleEditAlert({
  message,
  details,
  busy,
  onKeepMine,
  onLoadTheirs,
}: {
  message: string;
  details: StaleEditDetails;
  busy: boolean;
  onKeepMine: () => void;
  onLoadTheirs: () => void;
}) {
  return (
    <Alert variant="warning" role="alert" data-testid="stale-edit">
      <AlertTitle>Someone else saved this ticket first</AlertTitle>
      <AlertDescription className="space-y-2">
        <p>{message}</p>
        <ul className="list-disc space-y-0.5 pl-5" aria-label="Changes since you opened the ticket">
          {details.changes.map((c, i) => (
            <li key={i}>
              <span className="font-medium">{c.by?.name ?? "seatdesk " + "(automatic)"}</span> changed{" "}
              {describeChange(c)} <span className="text-muted-foreground">({formatWhen(c.at)})</span>
            </li>
          ))}
        </ul>
        <p>Your edits are still in the form below and were not saved.</p>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={onKeepMine} disabled={busy}>
            Keep my edits on top of theirs
          </Button>
          <Button size="sm" variant="outline" onClick={onLoadTheirs} disabled={busy}>
            Discard mine and load theirs
          </Button>
        </div>
      </AlertDescription>
    </Alert>
  );
}
