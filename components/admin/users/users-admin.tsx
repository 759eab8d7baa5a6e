"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { FilterSelect, SearchField } from "@/components/ui/filter-fields";
import { ROLES, ROLE_LABELS, USERS_PAGE_SIZE, type RoleValue } from "@/lib/validation/users";
import { PagedQueryState, useCursorPager } from "@/components/admin/shared/cursor-pager";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { CreateUserDialog } from "./create-user-dialog";
import { UsersTable } from "./users-table";

type ActiveFilter = "active" | "disabled";

/** The people administration: search, filters, a page of people, and what can be done to each. */
export function UsersAdmin({ currentUserId }: { currentUserId: string }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [role, setRole] = useState<RoleValue | "">("");
  const [active, setActive] = useState<ActiveFilter | "">("");
  const debouncedSearch = useDebouncedValue(search.trim());
  // New filters start again from the first page.
  const pager = useCursorPager(`${debouncedSearch}|${role}|${active}`);

  const input = {
    search: debouncedSearch || undefined,
    role: role || undefined,
    active: active === "" ? undefined : active === "active",
    cursor: pager.cursor,
    limit: USERS_PAGE_SIZE,
  };
  const query = useQuery(trpc.adminUsers.list.queryOptions(input, { placeholderData: keepPreviousData }));
  const filtered = Boolean(debouncedSearch || role || active);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end gap-3">
        <SearchField id="user-search" placeholder="Name or email" value={search} onChange={setSearch} />
        <FilterSelect
          id="user-role-filter"
          label="Role"
          className="w-44"
          value={role}
          onChange={setRole}
          all="All roles"
          options={ROLES.map((r) => [r, ROLE_LABELS[r]] as const)}
        />
        <FilterSelect
          id="user-active-filter"
          label="Status"
          value={active}
          onChange={setActive}
          all="All"
          options={[
            ["active", "Enabled"],
            ["disabled", "Disabled"],
          ]}
        />
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
