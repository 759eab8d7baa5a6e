"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import type { AgentLicenseRow } from "@/server/licensing/assignments";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { LicenseControl } from "./license-control";
import { ModuleToggles } from "./module-toggles";
import { PageNav } from "./page-nav";
import { useCursorPages } from "./use-cursor-pages";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { formatTime } from "@/lib/date-time";

const PAGE_SIZE = 25;

/** Agents and administrators with their license and whether they hold a seat right now. */
export function AgentsTable() {
  const trpc = useTRPC();
  const pages = useCursorPages();
  const [search, setSearch] = useState("");
  const term = useDebouncedValue(search.trim());
  const [lastTerm, setLastTerm] = useState(term);
  // A new search starts again from its first page.
  if (term !== lastTerm) {
    setLastTerm(term);
    pages.reset();
  }
  const query = useQuery({
    ...trpc.adminLicenses.agents.queryOptions({ search: term, cursor: pages.cursor, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const choices = useQuery(trpc.adminLicenses.choices.queryOptions());
  const items = query.data?.items ?? [];

  return (
    <Card>
      <CardHeader>
        <CardTitle>Agents and their licenses</CardTitle>
        <CardDescription>
          Each agent holds a named seat, a place in one pool, or nothing. Administrators need a license only to work
          tickets. Premium modules need their own exclusive license as well as a seat.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-3">
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
        {query.isError ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription className="flex flex-wrap items-center gap-3">
              Could not load the agents: {errorMessage(query.error)}
              <Button size="sm" variant="outline" onClick={() => query.refetch()}>
                Try again
              </Button>
            </AlertDescription>
          </Alert>
        ) : query.isPending ? (
          <p className="py-6 text-center text-sm text-muted-foreground" role="status">
            Loading agents…
          </p>
        ) : items.length === 0 && pages.page === 0 ? (
          <EmptyState title={term ? `No agent matches “${term}”` : "No agents yet"}>
            {term ? "Try part of a name or an email address." : "Make people agents in Users to give them a license."}
          </EmptyState>
        ) : (
          <Table aria-label="Agents and their licenses" aria-busy={query.isFetching}>
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Role</TableHead>
                <TableHead>License</TableHead>
                <TableHead>Seat now</TableHead>
                <TableHead>Modules</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((agent) => (
                <TableRow key={agent.id}>
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
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <PageNav
          label="Pages of agents"
          page={pages.page}
          hasNext={Boolean(query.data?.nextCursor)}
          busy={query.isFetching}
          onNext={() => query.data?.nextCursor && pages.next(query.data.nextCursor)}
          onPrevious={pages.previous}
        />
      </CardContent>
    </Card>
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
