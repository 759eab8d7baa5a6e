import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { DataTable, TableCell } from "@/components/ui/table";
import { formatDuration } from "@/components/console/use-countdown";
import { clockTime, type BoardNamedSeat, type EndSeatTarget } from "./types";

/** Named seats never run out; their leases only show who is working now. */
export function NamedSeatsTable({
  seats,
  owned,
  onEnd,
}: {
  seats: BoardNamedSeat[];
  owned: number;
  onEnd: (target: EndSeatTarget) => void;
}) {
  const assigned = seats.filter((s) => s.assigned).length;
  const inUse = seats.filter((s) => s.lease).length;
  return (
    <section aria-labelledby="named-seats-title" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="named-seats-title" className="text-lg font-semibold">
          Named seats
        </h2>
        <p className="text-sm text-muted-foreground">
          {assigned} of {owned} assigned · {inUse} working now
        </p>
      </div>
      {seats.length === 0 ? (
        <EmptyState title="No named seats are assigned">
          Agents with a named seat always get in; assign them under licenses.
        </EmptyState>
      ) : (
        <DataTable
          label="Named seats"
          columns={[
            "Agent",
            "Working now",
            "Since",
            "Idle for",
            { label: "Actions", srOnly: true, className: "text-right" },
          ]}
          rows={seats}
          rowKey={(s) => s.userId}
          cells={(s) => (
            <>
              <TableCell>
                <div className="font-medium">
                  {s.name} {s.assigned ? null : <Badge variant="outline">named seat removed</Badge>}
                </div>
                <div className="text-xs text-muted-foreground">{s.email}</div>
              </TableCell>
              <TableCell>
                {s.lease ? (
                  <Badge variant="success">Yes{s.lease.kind === "CONCURRENT" ? " (pool seat)" : ""}</Badge>
                ) : (
                  <span className="text-muted-foreground">No</span>
                )}
              </TableCell>
              <TableCell>{s.lease ? clockTime(s.lease.since) : "—"}</TableCell>
              <TableCell>{s.lease ? formatDuration(s.lease.idleSeconds) : "—"}</TableCell>
              <TableCell className="text-right">
                {s.lease ? (
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => onEnd({ leaseId: s.lease!.leaseId, name: s.name, email: s.email, poolName: null })}
                    aria-label={`End seat of ${s.name}`}
                  >
                    End seat
                  </Button>
                ) : null}
              </TableCell>
            </>
          )}
        />
      )}
    </section>
  );
}
