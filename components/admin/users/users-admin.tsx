"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { SearchIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { ROLES, ROLE_LABELS, USERS_PAGE_SIZE, type RoleValue } from "@/lib/validation/users";
import { NativeSelect } from "@/components/ui/native-select";
import { PagedQueryState, useCursorPager } from "@/components/admin/shared/cursor-pager";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { CreateUserDialog } from "./create-user-dialog";
import { UsersTable } from "./users-table";

type ActiveFilter = "all" | "active" | "disabled";

/** The people administration: search, filters, a page of people, and what can be done to each. */
export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<RoleValue | "">("");
  const [active, setActive] = useState<ActiveFilter>("all");
  const debouncedSearch = useDebouncedValue(search.trim());
  // New filters start again from the first page.
  const pager = useCursorPager(`${debouncedSearch}|${role}|${active}`);

  const input = {
    search: debouncedSearch || undefined,
    role: role || undefined,
    active: active === "all" ? undefined : active === "active",
    cursor: pager.cursor,
    limit: USERS_PAGE_SIZE,
  };
  const query = useQuery(trpc.adminUsers.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const filtered = Boolean(debouncedSearch || role || active !== "all");

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <div className="grid min-w-64 flex-1 gap-1.5">
          <Label htmlFor="user-search">Search</Label>
          <div className="relative">
            <SearchIcon
              className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-muted-foreground"
              aria-hidden
            />
            <Input
              id="user-search"
              type="search"
              placeholder="Name or email"
              className="pl-8"
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
          </div>
        </div>
        <div className="grid w-44 gap-1.5">
          <Label htmlFor="user-role-filter">Role</Label>
          <NativeSelect id="user-role-filter" value={role} onChange={(e) => setRole(e.target.value as RoleValue | "")}>
            <option value="">All roles</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid w-40 gap-1.5">
          <Label htmlFor="user-active-filter">Status</Label>
          <NativeSelect
            id="user-active-filter"
            value={active}
            onChange={(e) => setActive(e.target.value as ActiveFilter)}
          >
            <option value="all">All</option>
            <option value="active">Enabled</option>
            <option value="disabled">Disabled</option>
          </NativeSelect>
        </div>
        <CreateUserDialog />
      </div>

      <PagedQueryState
        pager={pager}
        pageSize={USERS_PAGE_SIZE}
        noun="people"
        query={query}
        errorTitle="The people could not be loaded"
        loadingLabel="Loading people…"
        empty={
          filtered
            ? {
                title: "No one matches these filters",
                description: "Try another search, or clear the role and status filters.",
              }
            : { title: "No people yet", description: "Create the first person with “New person”." }
        }
      >
        {(data) => (
          <>
            <UsersTable users={data.items} currentUserId={currentUserId} />
          </>
        )}
      </PagedQueryState>
    </div>
  );
}
