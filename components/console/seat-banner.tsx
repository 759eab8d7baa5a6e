"use client";
import { Button } from "@/components/ui/button";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { useSeat } from "./seat-provider";
import { formatClock, formatDuration, useCountdown } from "./use-countdown";
import { formatTime } from "@/lib/date-time";

/** Under the console header: why the console is read-only and what the agent can do about it. */
export function SeatBanner() {
  const { status } = useSeat();
  if (!status) return null;
  return (
    <div className="mx-auto max-w-7xl px-4 pt-4 empty:hidden">
      {status.lease ? <HolderNotices /> : <ReadOnlyNotice />}
      <IdleWarning />
    </div>
  );
}

function HolderNotices() {
  const { status, giveBack, busy } = useSeat();
  const nudges = status?.nudges ?? [];
  if (nudges.length === 0) return null;
  return (
    <Alert variant="warning" data-testid="nudge-notice">
      <AlertTitle>A colleague is waiting for a seat</AlertTitle>
      <AlertDescription className="flex flex-wrap items-center gap-3">
        <span>{nudges[0]!.fromName} asked for a seat of your pool. If you are done for now, give yours back.</span>
        <Button size="sm" variant="outline" onClick={giveBack} disabled={busy}>
          Give back my seat
        </Button>
      </AlertDescription>
    </Alert>
  );
}

function ReadOnlyNotice() {
  const { status, takeSeat, joinLine, leaveLine, requestRelease, busy, clockOffsetMs } = useSeat();
  const reservedLeft = useCountdown(status?.queue?.reservedUntil ?? null, clockOffsetMs);
  const nextFree = useCountdown(status?.pool?.nextFreeAtLatest ?? null, clockOffsetMs);
  if (!status) return null;
  if (!status.license) {
    return (
      <Alert data-testid="read-only-notice">
        <AlertTitle>Read-only: you have no seat license</AlertTitle>
        <AlertDescription>
          You can read tickets and the knowledge base. To work tickets, ask an administrator for a named seat or a place
          in a pool.
        </AlertDescription>
      </Alert>
    );
  }
  const pool = status.pool;
  const queue = status.queue;
  if (queue?.reservedUntil) {
    return (
      <Alert variant="success" data-testid="reservation-notice">
        <AlertTitle>A seat is reserved for you</AlertTitle>
        <AlertDescription className="flex flex-wrap items-center gap-3">
          <span>
            It is held for {reservedLeft !== null ? formatClock(reservedLeft) : "a moment"}; then it passes to the next
            in line.
          </span>
          <Button size="sm" onClick={takeSeat} disabled={busy}>
            Take the seat
          </Button>
        </AlertDescription>
      </Alert>
    );
  }
  const full = pool && pool.inUse + pool.reserved >= pool.size;
  return (
    <Alert variant="warning" data-testid="read-only-notice">
      <AlertTitle>
        Read-only
        {status.lastEnd
          ? ": your seat was released"
          : full
            ? `: all seats of ${status.license.pool?.name} are in use`
            : ""}
      </AlertTitle>
      <AlertDescription className="space-y-3">
        {status.lastEnd ? <p>{status.lastEnd.message} Nothing you typed is lost.</p> : null}
        {pool && full ? (
          <>
            <p>
              {pool.inUse} of {pool.size} seats of the pool {status.license.pool?.name} are in use
              {pool.reserved ? ` and ${pool.reserved} reserved for the line` : ""}.
              {nextFree !== null ? ` The next one frees within ${formatDuration(nextFree)} at the latest.` : ""}
            </p>
            <Table aria-label="Who holds the seats">
              <TableHeader>
                <TableRow>
                  <TableHead>Holder</TableHead>
                  <TableHead>Since</TableHead>
                  <TableHead>Idle for</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {pool.holders.map((h) => (
                  <TableRow key={h.userId}>
                    <TableCell>{h.name}</TableCell>
                    <TableCell>{formatTime(h.since)}</TableCell>
                    <TableCell>{formatDuration(h.idleSeconds)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        ) : null}
        <div className="flex flex-wrap items-center gap-2">
          {queue ? (
            <>
              <span className="font-medium" data-testid="queue-position">
                You are number {queue.position} in line.
              </span>
              <Button size="sm" variant="outline" onClick={leaveLine} disabled={busy}>
                Leave the line
              </Button>
            </>
          ) : full ? (
            <Button size="sm" onClick={joinLine} disabled={busy}>
              Wait in line
            </Button>
          ) : (
            <Button size="sm" onClick={takeSeat} disabled={busy}>
              Take a seat
            </Button>
          )}
          {full ? (
            <Button size="sm" variant="outline" onClick={requestRelease}>
              Ask holders to release a seat
            </Button>
          ) : null}
        </div>
      </AlertDescription>
    </Alert>
  );
}

/** Before the idle timeout ends the lease: a countdown and a way to stay. */
function IdleWarning() {
  const { status, stay, clockOffsetMs } = useSeat();
  const lease = status?.lease;
  const untilWarn = useCountdown(lease?.warnAt ?? null, clockOffsetMs);
  const untilRelease = useCountdown(lease?.idleReleaseAt ?? null, clockOffsetMs);
  const open = Boolean(
    lease && lease.kind === "CONCURRENT" && untilWarn === 0 && untilRelease !== null && untilRelease > 0,
  );
  return (
    <Dialog open={open} onOpenChange={(o) => !o && stay()}>
      <DialogContent data-testid="idle-warning">
        <DialogHeader>
          <DialogTitle>Still working?</DialogTitle>
          <DialogDescription>
            Your seat will be released for inactivity in <strong>{formatClock(untilRelease ?? 0)}</strong>, so that a
            colleague can use it. Anything you are typing stays.
          </DialogDescription>
        </DialogHeader>
        <DialogFooter>
          <Button onClick={stay} autoFocus>
            Stay
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
