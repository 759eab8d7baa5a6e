"use client";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { LoadErrorAlert } from "@/components/admin/shared/cursor-pager";
import { EmptyState } from "@/components/ui/empty-state";
import { PoolCard } from "./pool-card";
import { NamedSeatsTable } from "./named-seats-table";
import { EndSeatDialog } from "./end-seat-dialog";
import { clockTime, type EndSeatTarget } from "./types";

const REFRESH_MS = 3000;

/** The live seat board: refreshed every 3 seconds, numbers by the database clock. */
export function SeatBoard() {
  const trpc = useTRPC();
  const board = useQuery(
    trpc.adminSeats.board.queryOptions(undefined, {
      refetchInterval: REFRESH_MS,
      refetchIntervalInBackground: false,
      staleTime: 0,
    }),
  );
  const [target, setTarget] = useState<EndSeatTarget | null>(null);

  if (board.isPending)
    return (
      <p className="text-sm text-muted-foreground" role="status">
        Loading the seat board…
      </p>
    );
  if (board.isError && !board.data) {
    return (
      <LoadErrorAlert
        title="The seat board could not be loaded"
        error={board.error}
        onRetry={() => void board.refetch()}
      />
    );
  }
  const data = board.data;
  return (
    <div className="space-y-8">
      <p className="text-xs text-muted-foreground" aria-live="off">
        As of {clockTime(data.now, true)} (database clock), refreshed every {REFRESH_MS / 1000} seconds.
      </p>
      {board.isError ? (
        <Alert variant="warning" role="alert">
          <AlertDescription>
            Could not refresh the board ({errorMessage(board.error)}). Showing what was true at{" "}
            {clockTime(data.now, true)}.
          </AlertDescription>
        </Alert>
      ) : null}
      <section aria-labelledby="pools-title" className="space-y-3">
        <h2 id="pools-title" className="text-lg font-semibold">
          Concurrent pools
        </h2>
        {data.pools.length === 0 ? (
          <EmptyState title="No concurrent seat pools">
            Pools share a number of seats among their members; create one under licenses.
          </EmptyState>
        ) : (
          <div className="grid gap-4 lg:grid-cols-2">
            {data.pools.map((pool) => (
              <PoolCard key={pool.id} pool={pool} onEnd={setTarget} />
            ))}
          </div>
        )}
      </section>
      <NamedSeatsTable seats={data.namedSeats} owned={data.namedSeatsOwned} onEnd={setTarget} />
      <EndSeatDialog target={target} onClose={() => setTarget(null)} />
    </div>
  );
}
