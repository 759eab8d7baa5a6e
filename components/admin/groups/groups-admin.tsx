"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { PlusIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { SearchField } from "@/components/ui/filter-fields";
import { GROUPS_PAGE_SIZE } from "@/lib/validation/groups";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { PagedQueryState, useCursorPager } from "@/components/admin/shared/cursor-pager";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { GroupFormDialog } from "./group-form-dialog";
import { GroupMembersDialog } from "./group-members-dialog";
import type { GroupRow } from "./types";

/** Assignment groups: search, a page of groups with their member counts, create, rename, members. */
export function GroupsAdmin() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [creating, setCreating] = useState(false);
  const debouncedSearch = useDebouncedValue(search.trim());
  const pager = useCursorPager(debouncedSearch);
  const query = useQuery(
    trpc.adminGroups.list.queryOptions(
      { search: debouncedSearch || undefined, cursor: pager.cursor, limit: GROUPS_PAGE_SIZE },
      { placeholderData: keepPreviousData },
    ),
  );

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <SearchField id="group-search" placeholder="Group name" value={search} onChange={setSearch} />
        <GroupFormDialog
          open={creating}
          onOpenChange={setCreating}
          trigger={
            <Button>
              <PlusIcon aria-hidden /> New group
            </Button>
          }
        />
      </div>

      <PagedQueryState
        pager={pager}
        pageSize={GROUPS_PAGE_SIZE}
        noun="groups"
        query={query}
        errorTitle="The groups could not be loaded"
        loadingLabel="Loading groups…"
        empty={
          debouncedSearch
            ? { title: "No group matches this search", description: "Try another name." }
            : {
                title: "No groups yet",
                description: "Create a group for each team that works tickets, such as Service Desk or Network.",
              }
        }
      >
        {(data) => (
          <>
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>Name</TableHead>
                  <TableHead>Members</TableHead>
                  <TableHead>Serves pools</TableHead>
                  <TableHead>
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((group) => (
                  <GroupTableRow key={group.id} group={group} />
                ))}
              </TableBody>
            </Table>
          </>
        )}
      </PagedQueryState>
    </div>
  );
}

function GroupTableRow({ group }: { group: GroupRow }) {
  const [open, setOpen] = useState<"rename" | "members" | null>(null);
  return (
    <TableRow data-testid={`group-row-${group.name}`}>
      <TableCell>
        <div className="font-medium">{group.name}</div>
        {group.description ? (
          <div className="line-clamp-2 text-xs text-muted-foreground">{group.description}</div>
        ) : null}
      </TableCell>
      <TableCell>{group.memberCount.toLocaleString("en")}</TableCell>
      <TableCell>
        {group.pools.length ? (
          group.pools.map((p) => p.name).join(", ")
        ) : (
          <span className="text-muted-foreground">—</span>
        )}
      </TableCell>
      <TableCell className="whitespace-nowrap text-right">
        <Button variant="outline" size="sm" onClick={() => setOpen("members")} aria-label={`Members of ${group.name}`}>
          Members
        </Button>
        <Button
          variant="ghost"
          size="sm"
          className="ml-2"
          onClick={() => setOpen("rename")}
          aria-label={`Rename ${group.name}`}
        >
          Rename
        </Button>
        <GroupFormDialog group={group} open={open === "rename"} onOpenChange={(o) => setOpen(o ? "rename" : null)} />
        <GroupMembersDialog
          group={group}
          open={open === "members"}
          onOpenChange={(o) => setOpen(o ? "members" : null)}
        />
      </TableCell>
    </TableRow>
  );
}
