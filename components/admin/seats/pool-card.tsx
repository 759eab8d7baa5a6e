import { Button } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { formatDuration } from "@/components/console/use-countdown";
import { UsageBar } from "./usage-bar";
import { clockTime, type BoardPool, type EndSeatTarget } from "./types";

/** One concurrent pool on the board: usage, who holds its seats, and who waits in line. */
export function PoolCard({ pool, onEnd }: { pool: BoardPool; onEnd: (target: EndSeatTarget) => void }) {
  const headingId = `pool-${pool.id}-title`;
  const over = pool.inUse > pool.size;
  return (
    <Card aria-labelledby={headingId} role="region" data-testid="pool-card">
      <CardHeader>
        <div className="flex items-baseline justify-between gap-3">
          <CardTitle id={headingId}>{pool.name}</CardTitle>
          <span className="text-sm font-medium" data-testid="pool-usage">
            {pool.inUse} of {pool.size} in use
          </span>
        </div>
        <UsageBar inUse={pool.inUse} reserved={pool.reserved} size={pool.size} label={`Seats of ${pool.name}`} />
        <CardDescription>
          Idle timeout {formatDuration(pool.idleTimeoutSeconds)}
          {pool.reserved ? ` · ${pool.reserved} reserved for the line` : ""}
          {over ? ` · the pool was made smaller: no new seat until fewer than ${pool.size} are in use` : ""}
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        {pool.holders.length === 0 ? (
          <p className="text-sm text-muted-foreground">No one holds a seat of this pool.</p>
        ) : (
          <Table aria-label={`Holders of ${pool.name}`}>
            <TableHeader>
              <TableRow>
                <TableHead>Holder</TableHead>
                <TableHead>Since</TableHead>
                <TableHead>Idle for</TableHead>
                <TableHead>Ends at the latest</TableHead>
                <TableHead className="text-right">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {pool.holders.map((h) => (
                <TableRow key={h.leaseId}>
                  <TableCell>
                    <div className="font-medium">{h.name}</div>
                    <div className="text-xs text-muted-foreground">{h.email}</div>
                  </TableCell>
                  <TableCell>{clockTime(h.since)}</TableCell>
                  <TableCell>{formatDuration(h.idleSeconds)}</TableCell>
                  <TableCell>{clockTime(h.endsAtLatest)}</TableCell>
                  <TableCell className="text-right">
                    <Button
                      size="sm"
                      variant="outline"
                      onClick={() => onEnd({ leaseId: h.leaseId, name: h.name, email: h.email, poolName: pool.name })}
                      aria-label={`End seat of ${h.name}`}
                    >
                      End seat
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        <WaitingLine pool={pool} />
      </CardContent>
    </Card>
  );
}

function WaitingLine({ pool }: { pool: BoardPool }) {
  if (pool.waiting.length === 0) return <p className="text-sm text-muted-foreground">No one is waiting.</p>;
  return (
    <div>
      <h3 className="mb-2 text-sm font-medium">Waiting line ({pool.waiting.length})</h3>
      <ol className="space-y-1 text-sm" aria-label={`Waiting line of ${pool.name}`}>
        {pool.waiting.map((w, i) => (
          <li key={w.userId} className="flex flex-wrap items-center gap-2">
            <span className="w-5 text-right tabular-nums text-muted-foreground">{i + 1}.</span>
            <span className="font-medium">{w.name}</span>
            <span className="text-muted-foreground">waiting since {clockTime(w.waitingSince)}</span>
            {w.reservedUntil ? (
              <Badge variant="warning">seat reserved until {clockTime(w.reservedUntil, true)}</Badge>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
