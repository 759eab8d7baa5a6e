"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import type { PoolRow } from "@/server/licensing/pools";
import { FormDialog } from "@/components/ui/form-dialog";
import { QueryState } from "@/components/ui/query-state";
import { PoolForm } from "./pool-form";

/**
 * Create or edit a pool. The form is mounted inside the dialog's content, so each opening starts
 * from the pool as it is, and a refused save keeps everything typed.
 */
export function PoolDialog({
  open,
  onOpenChange,
  pool,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  pool: PoolRow | null;
}) {
  const [busy, setBusy] = useState(false);
  return (
    <FormDialog
      open={open}
      onOpenChange={(next) => !busy && onOpenChange(next)}
      className="max-h-[90vh] max-w-2xl overflow-y-auto"
      title={pool ? `Edit pool ${pool.name}` : "New pool"}
      description="Members share the pool's seats. The sizes of all pools add up to at most the concurrent seats owned."
    >
      {pool ? (
        <EditPool pool={pool} onBusy={setBusy} onDone={() => onOpenChange(false)} />
      ) : (
        <PoolForm pool={null} members={[]} onBusy={setBusy} onDone={() => onOpenChange(false)} />
      )}
    </FormDialog>
  );
}

/** Loads the current members before the form starts, so its starting values are complete. */
function EditPool({ pool, onBusy, onDone }: { pool: PoolRow; onBusy: (busy: boolean) => void; onDone: () => void }) {
  const trpc = useTRPC();
  const members = useQuery({ ...trpc.adminLicenses.poolMembers.queryOptions({ poolId: pool.id }), staleTime: 0 });
  return (
    <QueryState query={members} errorTitle="Could not load the members" loadingLabel="Loading members…">
      {(data) => <PoolForm pool={pool} members={data} onBusy={onBusy} onDone={onDone} />}
    </QueryState>
  );
}
