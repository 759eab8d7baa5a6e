"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import type { AgentLicenseRow } from "@/server/licensing/assignments";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Badge } from "@/components/ui/badge";
import { TitledCard } from "@/components/ui/card";
import { DataTable, TableCell } from "@/components/ui/table";
import { LicenseControl } from "./license-control";
import { ModuleToggles } from "./module-toggles";
import { PagedQueryState, usePagedQuery } from "@/components/admin/shared/cursor-pager";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { formatTime } from "@/lib/date-time";

const PAGE_SIZE = 25;

/** Agents and administrators with their license and whether they hold a seat right now. */
export function AgentsTable() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const term = useDebouncedValue(search.trim());
  // A new search starts again from its first page.
  const { pager, query } = usePagedQuery(term, (cursor) =>
    trpc.adminLicenses.agents.queryOptions({ search: term, cursor, limit: PAGE_SIZE }),
  );
  const choices = useQuery(trpc.adminLicenses.choices.queryOptions());

  return (
    <TitledCard
      title="Agents and their licenses"
      description={
        "Each agent holds a named seat, a place in one pool, or nothing. Administrators need a license " +
        "only to work tickets. Premium modules need their own exclusive license as well as a seat."
      }
      contentClassName="space-y-3"
    >
      <div className="grid max-w-sm gap-1.5">
        <Label htmlFor="agents-search">Search</Label>
        <Input
          id="agents-search"
          type="search"
          placeholder="Name or email"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          autoComplete="off"
        />
      </div>
      <PagedQueryState
        pager={pager}
        pageSize={PAGE_SIZE}
        noun="agents"
        hideSinglePage
        query={query}
        errorTitle="Could not load the agents"
        loadingLabel="Loading agents…"
        empty={
          term
            ? { title: `No agent matches “${term}”`, description: "Try part of a name or an email address." }
            : { title: "No agents yet", description: "Make people agents in Users to give them a license." }
        }
      >
        {(data) => (
          <>
            <DataTable
              label="Agents and their licenses"
              columns={["Name", "Role", "License", "Seat now", "Modules"]}
              rows={data.items}
              rowKey={(agent) => agent.id}
              cells={(agent) => (
                <>
                  <TableCell>
                    <span className="font-medium">{agent.name}</span>
                    <span className="block text-xs text-muted-foreground">{agent.email}</span>
                  </TableCell>
                  <TableCell>
                    {agent.role === "ADMIN" ? "Administrator" : "Agent"}
                    {!agent.active ? (
                      <Badge variant="outline" className="ml-2">
                        Disabled
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell className="min-w-56">
                    <LicenseControl agent={agent} pools={choices.data?.pools ?? []} />
                  </TableCell>
                  <TableCell>
                    <SeatNow seat={agent.seat} />
                  </TableCell>
                  <TableCell>
                    <ModuleToggles agent={agent} />
                  </TableCell>
                </>
              )}
            />
          </>
        )}
      </PagedQueryState>
    </TitledCard>
  );
}

function SeatNow({ seat }: { seat: AgentLicenseRow["seat"] }) {
  if (!seat) return <span className="text-muted-foreground">No seat</span>;
  const since = formatTime(seat.since);
  return (
    <Badge variant="success">
      {seat.kind === "NAMED" ? "Named seat" : `Seat in ${seat.poolName}`} since {since}
    </Badge>
  );
}
