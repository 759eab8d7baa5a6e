"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { EntitlementDialog } from "./entitlement-dialog";

/** What the organisation owns, and how much of it is given out. */
export function EntitlementCard() {
  const trpc = useTRPC();
  const query = useQuery(trpc.adminLicenses.entitlement.queryOptions());
  const [editing, setEditing] = useState(false);
  const e = query.data;
  return (
    <Card aria-busy={query.isPending}>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle>Seats owned</CardTitle>
          <CardDescription>
            Named seats always let their agent in; concurrent seats are shared by the members of a pool.
          </CardDescription>
        </div>
        <Button variant="outline" size="sm" onClick={() => setEditing(true)} disabled={!e}>
          Edit seats owned
        </Button>
      </CardHeader>
      <CardContent>
        {query.isError ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>Could not load the entitlement: {errorMessage(query.error)}</AlertDescription>
          </Alert>
        ) : (
          <dl className="grid gap-4 sm:grid-cols-2">
            <Usage label="Named seats" used={e?.namedAssigned} owned={e?.namedSeats} usedWord="assigned" />
            <Usage
              label="Concurrent seats"
              used={e?.concurrentAllocated}
              owned={e?.concurrentSeats}
              usedWord="given to pools"
            />
          </dl>
        )}
      </CardContent>
      {e ? (
        <EntitlementDialog
          open={editing}
          onOpenChange={setEditing}
          current={{ namedSeats: e.namedSeats, concurrentSeats: e.concurrentSeats }}
        />
      ) : null}
    </Card>
  );
}

function Usage({ label, used, owned, usedWord }: { label: string; used?: number; owned?: number; usedWord: string }) {
  const known = used !== undefined && owned !== undefined;
  const pct = known && owned > 0 ? Math.min(100, Math.round((used / owned) * 100)) : 0;
  return (
    <div className="space-y-2 rounded-lg border p-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="space-y-2">
        <p className="text-2xl font-semibold">{known ? `${used} of ${owned}` : "…"}</p>
        <p className="text-xs text-muted-foreground">
          {known ? `${used} ${usedWord}, ${Math.max(0, owned - used)} free` : "Loading…"}
        </p>
        <div
          className="h-1.5 rounded-full bg-muted"
          role="progressbar"
          aria-label={`${label} ${usedWord}`}
          aria-valuemin={0}
          aria-valuemax={owned ?? 0}
          aria-valuenow={used ?? 0}
        >
          <div className="h-full rounded-full bg-primary" style={{ width: `${pct}%` }} />
        </div>
      </dd>
    </div>
  );
}
