"use client";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { formatWhen } from "@/lib/date-time";
import { LICENSE_MODULES, type LicenseModule } from "@/lib/validation/license-file";
import { MODULE_UNUSED_DAYS } from "@/lib/validation/module-licenses";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { PageNav } from "@/components/admin/shared/cursor-pager";
import { useRefresh } from "./use-refresh";

const PAGE_SIZE = 10;

/** Per premium module: who holds a license, who used it lately, and the unused ones to reclaim. */
export function ModuleUsageCard({ canReclaim }: { canReclaim: boolean }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Premium module licenses</CardTitle>
        <CardDescription>
          {`Who holds each module's exclusive licenses and who worked the module in the last ${MODULE_UNUSED_DAYS} ` +
            "days. Licenses unused for longer are listed first: candidates to reclaim."}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6 lg:grid-cols-2">
        {LICENSE_MODULES.map((m) => (
          <ModuleUsage key={m} module={m} canReclaim={canReclaim} />
        ))}
      </CardContent>
    </Card>
  );
}

function ModuleUsage({ module, canReclaim }: { module: LicenseModule; canReclaim: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [page, setPage] = useState(1);
  const query = useQuery({
    ...trpc.reports.moduleUsage.queryOptions({ module, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const reclaim = useMutation(
    trpc.adminLicenses.removeModule.mutationOptions({
      onSuccess: () => {
        toast.success("License reclaimed: it can be given to someone else.");
        void refresh("agents", "moduleUsage");
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  const u = query.data;
  return (
    <section aria-label={u?.name ?? module} className="space-y-2">
      <h3 className="font-medium">{u?.name ?? "…"}</h3>
      {query.isError ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>Could not load the module&apos;s licenses: {errorMessage(query.error)}</AlertDescription>
        </Alert>
      ) : !u ? (
        <p className="text-sm text-muted-foreground" role="status">
          Loading…
        </p>
      ) : (
        <>
          <p className="text-sm">
            {u.assigned} of {u.granted} assigned · {u.usedRecently} used in the last {MODULE_UNUSED_DAYS} days ·{" "}
            {u.unused} unused
          </p>
          {u.holders.length === 0 && page === 1 ? (
            <EmptyState title="No one holds this module's license">
              Give one in the Modules column of the agents below.
            </EmptyState>
          ) : (
            <Table aria-label={`${u.name} license holders`} aria-busy={query.isFetching}>
              <TableHeader>
                <TableRow>
                  <TableHead>Holder</TableHead>
                  <TableHead>Last used</TableHead>
                  {canReclaim ? <TableHead className="sr-only">Reclaim</TableHead> : null}
                </TableRow>
              </TableHeader>
              <TableBody>
                {u.holders.map((h) => (
                  <TableRow key={h.userId}>
                    <TableCell>
                      <span className="font-medium">{h.name}</span>
                      {!h.active ? (
                        <Badge variant="outline" className="ml-2">
                          Disabled
                        </Badge>
                      ) : null}
                    </TableCell>
                    <TableCell>
                      {h.lastUsedAt ? formatWhen(h.lastUsedAt) : "Never"}
                      {h.unused ? (
                        <Badge variant="warning" className="ml-2">
                          Unused
                        </Badge>
                      ) : null}
                    </TableCell>
                    {canReclaim ? (
                      <TableCell className="text-right">
                        {h.unused ? (
                          <Button
                            size="sm"
                            variant="outline"
                            disabled={reclaim.isPending}
                            onClick={() =>
                              reclaim.mutate({
                                userId: h.userId,
                                module,
                                reason: `unused for ${MODULE_UNUSED_DAYS} days`,
                              })
                            }
                          >
                            Reclaim
                          </Button>
                        ) : null}
                      </TableCell>
                    ) : null}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
          {page > 1 || page * PAGE_SIZE < u.assigned ? (
            <PageNav
              label={`Pages of ${u.name} license holders`}
              status={`Page ${page}`}
              page={page - 1}
              hasNext={page * PAGE_SIZE < u.assigned}
              busy={query.isFetching}
              onNext={() => setPage(page + 1)}
              onPrevious={() => setPage(Math.max(1, page - 1))}
            />
          ) : null}
        </>
      )}
    </section>
  );
}
