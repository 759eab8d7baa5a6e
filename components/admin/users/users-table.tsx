"use client";
import { Badge } from "@/components/ui/badge";
import { DataTable, TableCell } from "@/components/ui/table";
import { ROLE_LABELS } from "@/lib/validation/users";
import { neverHoldsSeat } from "@/lib/auth/roles";
import { UserRowActions } from "./user-row-actions";
import type { UserRow } from "./types";

/** End users and report viewers never hold a seat: "Not needed" rather than a missing license. */
function LicenseCell({ user }: { user: UserRow }) {
  if (!user.license)
    return <span className="text-muted-foreground">{neverHoldsSeat(user.role) ? "Not needed" : "None"}</span>;
  const label = user.license.kind === "NAMED" ? "Named seat" : `Pool: ${user.license.pool?.name ?? "deleted"}`;
  return (
    <span className="flex flex-wrap items-center gap-1.5">
      {label}
      {user.holdsSeat ? <Badge variant="success">In use</Badge> : null}
    </span>
  );
}

export function UsersTable({ users, currentUserId }: { users: UserRow[]; currentUserId: string }) {
  return (
    <DataTable
      columns={["Name", "Role", "Status", "Groups", "Seat license", "Department", { label: "Actions", srOnly: true }]}
      rows={users}
      rowKey={(user) => user.id}
      rowTestId={(user) => `user-row-${user.email}`}
      cells={(user) => (
        <>
          <TableCell>
            <div className="font-medium">
              {user.name}
              {user.id === currentUserId ? (
                <span className="ml-1.5 text-xs font-normal text-muted-foreground">(you)</span>
              ) : null}
            </div>
            <div className="text-xs text-muted-foreground">{user.email}</div>
          </TableCell>
          <TableCell>{ROLE_LABELS[user.role]}</TableCell>
          <TableCell>
            {user.active ? <Badge variant="success">Enabled</Badge> : <Badge variant="destructive">Disabled</Badge>}
            {user.active && user.openSessions > 0 ? (
              <div className="mt-0.5 text-xs text-muted-foreground">Signed in ({user.openSessions})</div>
            ) : null}
          </TableCell>
          <TableCell className="max-w-56">
            {user.groups.length === 0 ? (
              <span className="text-muted-foreground">—</span>
            ) : (
              <span className="line-clamp-2">{user.groups.map((g) => g.name).join(", ")}</span>
            )}
          </TableCell>
          <TableCell>
            <LicenseCell user={user} />
          </TableCell>
          <TableCell>{user.department ?? <span className="text-muted-foreground">—</span>}</TableCell>
          <TableCell className="text-right">
            <UserRowActions user={user} isSelf={user.id === currentUserId} />
          </TableCell>
        </>
      )}
    />
  );
}
