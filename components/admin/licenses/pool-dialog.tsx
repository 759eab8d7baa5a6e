"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import type { PoolRow } from "@/server/licensing/pools";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Dialog, DialogContent, DialogDescription, DialogHeader, DialogTitle } from "@/components/ui/dialog";
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
    <Dialog open={open} onOpenChange={(next) => !busy && onOpenChange(next)}>
      <DialogContent className="max-h-[90vh] max-w-2xl overflow-y-auto">
        <DialogHeader>
          <DialogTitle>{pool ? `Edit pool ${pool.name}` : "New pool"}</DialogTitle>
          <DialogDescription>
            Members share the pool&apos;s seats. The sizes of all pools add up to at most the concurrent seats owned.
          </DialogDescription>
        </DialogHeader>
        {pool ? (
          <EditPool pool={pool} onBusy={setBusy} onDone={() => onOpenChange(false)} />
        ) : (
          <PoolForm pool={null} members={[]} onBusy={setBusy} onDone={() => onOpenChange(false)} />
        )}
      </DialogContent>
    </Dialog>
  );
}

/** Loads the current members before the form starts, so its starting values are complete. */
function EditPool({ pool, onBusy, onDone }: { pool: PoolRow; onBusy: (busy: boolean) => void; onDone: () => void }) {
  const trpc = useTRPC();
  const members = useQuery({ ...trpc.adminLicenses.poolMembers.queryOptions({ poolId: pool.id }), staleTime: 0 });
  if (members.isError) {
    return (
      <Alert variant="destructive" role="alert">
        <AlertDescription>Could not load the members: {errorMessage(members.error)}</AlertDescription>
      </Alert>
    );
  }
  if (!members.data)
    return (
      <p className="py-6 text-center text-sm text-muted-foreground" role="status">
        Loading members…
      </p>
    );
  return <PoolForm pool={pool} members={members.data} onBusy={onBusy} onDone={onDone} />;
}
