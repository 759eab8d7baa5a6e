"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { LICENSE_MODULES, LICENSE_MODULE_NAMES } from "@/lib/validation/license-file";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { InstallLicenseDialog } from "./install-license-dialog";

/** What the organisation owns (from the license file in force), and how much of it is given out. */
export function EntitlementCard() {
  const trpc = useTRPC();
  const query = useQuery(trpc.adminLicenses.entitlement.queryOptions());
  const license = useQuery(trpc.adminLicenses.license.queryOptions());
  const [installing, setInstalling] = useState(false);
  const e = query.data;
  const l = license.data;
  return (
    <Card aria-busy={query.isPending || license.isPending}>
      <CardHeader className="flex-row items-start justify-between gap-4">
        <div className="space-y-1.5">
          <CardTitle>License</CardTitle>
          <CardDescription>
            {l
              ? `${l.customer}, license ${l.licenseId}: ${l.message} Then ${l.graceDays} days of grace. ` +
                `Installed ${formatWhen(l.installedAt)}${l.installedByName ? ` by ${l.installedByName}` : ""}.`
              : license.isPending
                ? "Loading…"
                : "No license file is installed: the organisation owns no seats until one is."}
          </CardDescription>
        </div>
        <Button variant="outline" size="sm" onClick={() => setInstalling(true)}>
          Install license file
        </Button>
      </CardHeader>
      <CardContent className="space-y-4">
        {query.isError || license.isError ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>
              Could not load the license: {errorMessage(query.error ?? license.error)}
            </AlertDescription>
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
        {l ? (
          <div className="space-y-1">
            <h3 className="text-sm font-medium">Premium modules</h3>
            <ul className="text-sm text-muted-foreground" aria-label="Premium modules granted">
              {LICENSE_MODULES.map((m) => (
                <li key={m}>
                  {LICENSE_MODULE_NAMES[m]}: {l.modules[m]} exclusive license{l.modules[m] === 1 ? "" : "s"}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </CardContent>
      <InstallLicenseDialog open={installing} onOpenChange={setInstalling} />
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
