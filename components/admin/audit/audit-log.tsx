"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { formatWhen } from "@/lib/date-time";
import { ADMIN_AREA_LABEL, ADMIN_AREAS, ADMIN_AUDIT_PAGE_SIZE, type AdminArea } from "@/lib/validation/admin-audit";
import { FilterSelect } from "@/components/ui/filter-fields";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PagedQueryState, useCursorPager } from "@/components/admin/shared/cursor-pager";

/** "adminServiceLevels.saveTargets" as "Service levels" and "save targets". */
function describeAction(action: string): { area: string; what: string } {
  const [router = "", method = ""] = action.split(".");
  const area = (ADMIN_AREAS as readonly string[]).includes(router) ? ADMIN_AREA_LABEL[router as AdminArea] : router;
  return { area, what: method.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase() };
}

/** The input of a change on one line, for reading rather than parsing. */
const inputText = (input: unknown) => (input === null || input === undefined ? "—" : JSON.stringify(input));

/** Every change administrators made, newest first, a page at a time, by area. */
export function AuditLog() {
  const trpc = useTRPC();
  const [area, setArea] = useState<AdminArea | "">("");
  const pager = useCursorPager(area);
  const query = useQuery(
    trpc.adminAudit.list.queryOptions(
      { area: area || undefined, cursor: pager.cursor, limit: ADMIN_AUDIT_PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );

  return (
    <div className="space-y-4">
      <FilterSelect
        id="audit-area"
        label="Area"
        className="max-w-xs"
        value={area}
        onChange={setArea}
        all="Every area"
        options={ADMIN_AREAS.map((a) => [a, ADMIN_AREA_LABEL[a]] as const)}
      />
      <PagedQueryState
        pager={pager}
        pageSize={ADMIN_AUDIT_PAGE_SIZE}
        noun="changes"
        query={query}
        errorTitle="The audit log could not be loaded"
        loadingLabel="Loading the audit log…"
        empty={{
          title: "No changes yet",
          description:
            "Changes administrators make to people, groups, licenses, seats, service levels and prices show up here.",
        }}
      >
        {(data) => (
          <>
            <Table aria-label="Administrators' changes, newest first">
              <TableHeader>
                <TableRow>
                  <TableHead>When</TableHead>
                  <TableHead>Who</TableHead>
                  <TableHead>Area</TableHead>
                  <TableHead>Change</TableHead>
                  <TableHead>Details</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((e) => {
                  const { area: areaLabel, what } = describeAction(e.action);
                  return (
                    <TableRow key={e.id} data-testid="audit-event">
                      <TableCell className="whitespace-nowrap">
                        <time dateTime={new Date(e.at).toISOString()}>{formatWhen(e.at, { seconds: true })}</time>
                      </TableCell>
                      <TableCell>
                        {e.actor ? (
                          <>
                            <div>{e.actor.name}</div>
                            <div className="text-xs text-muted-foreground">{e.actor.email}</div>
                          </>
                        ) : (
                          <div className="italic text-muted-foreground">seatdesk (automatic)</div>
                        )}
                      </TableCell>
                      <TableCell>{areaLabel}</TableCell>
                      <TableCell>{what}</TableCell>
                      <TableCell className="max-w-md">
                        <code
                          className="line-clamp-3 break-all text-xs text-muted-foreground"
                          title={inputText(e.input)}
                        >
                          {inputText(e.input)}
                        </code>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </>
        )}
      </PagedQueryState>
    </div>
  );
}
