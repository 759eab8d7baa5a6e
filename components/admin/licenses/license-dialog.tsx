"use client";
import { useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import type { LicenseChoice } from "@/lib/validation/licensing";
import type { AgentLicenseRow } from "@/server/licensing/assignments";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { toast } from "@/components/ui/toaster";
import { licenseText } from "./format";
import { useRefresh } from "./use-refresh";

/** Confirms a license change, saying what happens to the seat the agent holds now. */
export function LicenseDialog({
  agent,
  choice,
  poolName,
  onClose,
}: {
  agent: AgentLicenseRow;
  choice: LicenseChoice | null;
  poolName: string | null;
  onClose: () => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const [endNow, setEndNow] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation(
    trpc.adminLicenses.setLicense.mutationOptions({
      onSuccess: (result) => {
        toast.success(result.message);
        void refresh("agents", "entitlement", "pools");
        close();
      },
      // Shown in the dialog, which stays open with the choice made (e.g. "7 of 7 named seats are assigned").
      onError: (e) => setError(errorMessage(e)),
    }),
  );
  function close() {
    setEndNow(false);
    setError(null);
    onClose();
  }
  if (!choice) return null;
  const target =
    choice.kind === "NAMED"
      ? "a named seat"
      : choice.kind === "CONCURRENT"
        ? `a place in the pool ${poolName}`
        : "no license";
  const move = choice.kind !== "NONE";

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && close()}
      title={`Give ${agent.name} ${target}?`}
      details={
        <>
          {agent.seat && move ? (
            <div className="space-y-2 text-sm">
              <p>
                {agent.name} holds a seat right now. The change applies at their next checkout, unless you end the seat
                now.
              </p>
              <label className="flex items-start gap-2">
                <input
                  type="checkbox"
                  className="mt-0.5 size-4"
                  checked={endNow}
                  onChange={(e) => setEndNow(e.target.checked)}
                  disabled={save.isPending}
                />
                <span>End their current seat now (they are told why, and nothing they typed is lost)</span>
              </label>
            </div>
          ) : null}
          {agent.seat && !move ? (
            <Alert variant="warning">
              <AlertDescription>
                {agent.name} holds a seat right now: it ends at once, and they are told why.
              </AlertDescription>
            </Alert>
          ) : null}
        </>
      }
      error={error}
      confirmLabel={move ? "Change license" : "Remove license"}
      pendingLabel="Saving…"
      destructive={!move}
      pending={save.isPending}
      onConfirm={() => {
        setError(null);
        save.mutate({
          userId: agent.id,
          license: choice,
          endCurrentSeat: move && agent.seat ? endNow : undefined,
        });
      }}
    >
      Now: {licenseText(agent.license)}.
    </ConfirmDialog>
  );
}
