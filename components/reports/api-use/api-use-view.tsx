"use client";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { API_USE_PERIODS, SHARED_LOGIN_THRESHOLD_MIN } from "@/lib/validation/api-accounts";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { QueryState } from "@/components/ui/query-state";

const n = (value: number) => value.toLocaleString("en");

/** Per API account, who it acted for and what it was refused; per person, sign-ins at once from several places. */
export function ApiUseView({ canEditThreshold }: { canEditThreshold: boolean }) {
  const trpc = useTRPC();
  const [days, setDays] = useState<number>(30);
  const query = useQuery(trpc.reportsApi.use.queryOptions({ days }, { placeholderData: keepPreviousData }));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="api-use-days">Period</Label>
          <NativeSelect id="api-use-days" value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {API_USE_PERIODS.map((d) => (
              <option key={d} value={d}>
                Last {d} days
              </option>
            ))}
          </NativeSelect>
        </div>
      </div>
      <QueryState
        query={query}
        errorTitle="The report could not be loaded"
        loadingLabel="Loading the report…"
        className="space-y-6"
      >
        {(data) => (
          <>
            <Card>
              <CardHeader className="flex flex-row items-center justify-between gap-2">
                <CardTitle>API accounts</CardTitle>
                <a className="text-sm underline" href={`/api/reports/api-use?days=${days}&section=accounts`} download>
                  Download CSV
                </a>
              </CardHeader>
              <CardContent>
                {data.accounts.length === 0 ? (
                  <EmptyState title="No API accounts">Administrators create them under Administration, API.</EmptyState>
                ) : (
                  <Table>
                    <TableHeader>
                      <TableRow>
                        <TableHead>Account</TableHead>
                        <TableHead className="text-right">End users acted for</TableHead>
                        <TableHead className="text-right">Agents acted for</TableHead>
                        <TableHead className="text-right">Writes</TableHead>
                        <TableHead className="text-right">Agent actions refused: no seat</TableHead>
                        <TableHead className="text-right">Refused: no agent license</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {data.accounts.map((a) => (
                        <TableRow key={a.accountId}>
                          <TableCell className="font-medium">
                            {a.name}
                            {a.disabled ? <span className="text-muted-foreground"> (disabled)</span> : null}
                          </TableCell>
                          <TableCell className="text-right">{n(a.endUsers)}</TableCell>
                          <TableCell className="text-right">{n(a.agents)}</TableCell>
                          <TableCell className="text-right">{n(a.writes)}</TableCell>
                          <TableCell className="text-right">
                            {n(a.refusedNoSeat)}
                            {a.agentsRefusedNoSeat ? (
                              <span className="text-muted-foreground"> ({n(a.agentsRefusedNoSeat)} agents)</span>
                            ) : null}
                          </TableCell>
                          <TableCell className="text-right">{n(a.refusedUnlicensed)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </CardContent>
            </Card>
            <Card>
              <CardHeader className="flex flex-row flex-wrap items-center justify-between gap-2">
                <CardTitle>Sign-ins from {data.threshold} or more devices or addresses at once</CardTitle>
                <a
                  className="text-sm underline"
                  href={`/api/reports/api-use?days=${days}&section=shared-logins`}
                  download
                >
                  Download CSV
                </a>
              </CardHeader>
              <CardContent className="space-y-4">
                {canEditThreshold ? <ThresholdForm current={data.threshold} /> : null}
                {data.sharedLogins.length === 0 ? (
                  <EmptyState title="No shared logins seen">
                    Nobody was signed in from {data.threshold} devices or addresses at the same time in this period.
                  </EmptyState>
                ) : (
                  <Table>
                    <TableHeader>
                      <TableRow>
                        <TableHead>Person</TableHead>
                        <TableHead>Role</TableHead>
                        <TableHead className="text-right">Devices at once</TableHead>
                        <TableHead className="text-right">Addresses at once</TableHead>
                        <TableHead>When</TableHead>
                      </TableRow>
                    </TableHeader>
                    <TableBody>
                      {data.sharedLogins.map((p) => (
                        <TableRow key={p.userId}>
                          <TableCell>
                            <div className="font-medium">{p.name}</div>
                            <div className="text-xs text-muted-foreground">{p.email}</div>
                          </TableCell>
                          <TableCell>{p.role}</TableCell>
                          <TableCell className="text-right">{n(p.devices)}</TableCell>
                          <TableCell className="text-right">{n(p.addresses)}</TableCell>
                          <TableCell>{formatWhen(p.at)}</TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                )}
              </CardContent>
            </Card>
          </>
        )}
      </QueryState>
    </div>
  );
}

function ThresholdForm({ current }: { current: number }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [value, setValue] = useState(String(current));
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.adminApiAccounts.setSharedLoginThreshold.mutationOptions({
      onSuccess: (r) => {
        toast.success(`Sign-ins from ${r.threshold} or more places at once are flagged.`);
        setError(null);
        void queryClient.invalidateQueries({ queryKey: trpc.reportsApi.use.queryKey() });
      },
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({ threshold: Number(value) });
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="shared-login-threshold">Flag from (devices or addresses)</Label>
        <Input
          id="shared-login-threshold"
          type="number"
          min={SHARED_LOGIN_THRESHOLD_MIN}
          className="w-32"
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "shared-login-threshold-error" : undefined}
          onChange={(e) => setValue(e.target.value)}
        />
      </div>
      <Button type="submit" variant="outline" disabled={save.isPending}>
        {save.isPending ? "Saving…" : "Save"}
      </Button>
      {error ? (
        <p id="shared-login-threshold-error" className="w-full text-sm text-destructive" role="alert">
          {error}
        </p>
      ) : null}
    </form>
  );
}
