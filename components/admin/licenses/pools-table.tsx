"use client";
import { useState } from "react";
import { PencilIcon, PlusIcon, Trash2Icon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import type { PoolRow } from "@/server/licensing/pools";
import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { TitledCard } from "@/components/ui/card";
import { DataTable, TableCell } from "@/components/ui/table";
import { PagedQueryState, usePagedQuery } from "@/components/admin/shared/cursor-pager";
import { PoolDialog } from "./pool-dialog";
import { DeletePoolDialog } from "./delete-pool-dialog";
import { formatMinutes } from "./format";

const PAGE_SIZE = 20;

/** The concurrent pools: size, live use, members, idle timeout, group served; create, edit, delete. */
export function PoolsTable() {
  const trpc = useTRPC();
  const { pager, query } = usePagedQuery("pools", (cursor) =>
    trpc.adminLicenses.pools.queryOptions({ cursor, limit: PAGE_SIZE }),
  );
  const [editing, setEditing] = useState<PoolRow | "new" | null>(null);
  const [deleting, setDeleting] = useState<PoolRow | null>(null);

  return (
    <TitledCard
      title="Concurrent pools"
      description={
        "Each pool shares its seats among its members, first come " +
        "first served; an idle seat is freed after the pool's timeout."
      }
      action={
        <Button size="sm" onClick={() => setEditing("new")}>
          <PlusIcon aria-hidden />
          New pool
        </Button>
      }
    >
      <PagedQueryState
        pager={pager}
        pageSize={PAGE_SIZE}
        noun="pools"
        hideSinglePage
        query={query}
        errorTitle="Could not load the pools"
        loadingLabel="Loading pools…"
        empty={{
          title: "No pools yet",
          description: "Create a pool to share concurrent seats among a group of agents.",
        }}
      >
        {(data) => (
          <>
            <DataTable
              label="Concurrent pools"
              columns={[
                "Name",
                { label: "Seats", className: "text-right" },
                { label: "In use", className: "text-right" },
                { label: "Members", className: "text-right" },
                "Idle timeout",
                "Group served",
                { label: "Actions", srOnly: true },
              ]}
              rows={data.items}
              rowKey={(pool) => pool.id}
              cells={(pool) => (
                <>
                  <TableCell className="font-medium">{pool.name}</TableCell>
                  <TableCell className="text-right tabular-nums">{pool.size}</TableCell>
                  <TableCell className="text-right tabular-nums">
                    {pool.inUse} of {pool.size}
                    {pool.reserved ? <span className="text-muted-foreground"> (+{pool.reserved} reserved)</span> : null}
                    {pool.inUse > pool.size ? (
                      <Badge
                        variant="warning"
                        className="ml-2"
                        title={
                          "The pool was made smaller: current holders finish, no new seat until use is below the size"
                        }
                      >
                        over size
                      </Badge>
                    ) : null}
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{pool.memberCount}</TableCell>
                  <TableCell>{formatMinutes(pool.idleTimeoutMinutes)}</TableCell>
                  <TableCell>{pool.group?.name ?? <span className="text-muted-foreground">None</span>}</TableCell>
                  <TableCell className="text-right whitespace-nowrap">
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setEditing(pool)}
                      aria-label={`Edit pool ${pool.name}`}
                    >
                      <PencilIcon aria-hidden />
                      Edit
                    </Button>
                    <Button
                      variant="ghost"
                      size="sm"
                      onClick={() => setDeleting(pool)}
                      aria-label={`Delete pool ${pool.name}`}
                      className="text-destructive"
                    >
                      <Trash2Icon aria-hidden />
                      Delete
                    </Button>
                  </TableCell>
                </>
              )}
            />
          </>
        )}
      </PagedQueryState>
      <PoolDialog
        open={editing !== null}
        onOpenChange={(open) => !open && setEditing(null)}
        pool={editing === "new" ? null : editing}
      />
      <DeletePoolDialog pool={deleting} onOpenChange={(open) => !open && setDeleting(null)} />
    </TitledCard>
  );
}
