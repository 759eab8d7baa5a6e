import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { SEAT_EVENT_TYPE_LABELS } from "@/lib/validation/seat-history";
import type { SeatEventItem } from "./types";
import { formatWhen } from "@/lib/date-time";

const TYPE_VARIANT: Partial<Record<SeatEventItem["type"], "success" | "destructive" | "warning" | "secondary">> = {
  GRANTED: "success",
  REFUSED: "destructive",
  RELEASED: "secondary",
  RESERVED: "warning",
};

const when = (at: Date | string) => formatWhen(at, { seconds: true });

export function HistoryTable({ events }: { events: SeatEventItem[] }) {
  return (
    <Table aria-label="Seat events, newest first">
      <TableHeader>
        <TableRow>
          <TableHead>When</TableHead>
          <TableHead>Event</TableHead>
          <TableHead>Person</TableHead>
          <TableHead>Pool</TableHead>
          <TableHead>What happened</TableHead>
          <TableHead>Request</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((e) => (
          <TableRow key={e.id}>
            <TableCell className="whitespace-nowrap">
              <time dateTime={new Date(e.at).toISOString()}>{when(e.at)}</time>
            </TableCell>
            <TableCell>
              <Badge variant={TYPE_VARIANT[e.type] ?? "outline"}>{SEAT_EVENT_TYPE_LABELS[e.type]}</Badge>
            </TableCell>
            <TableCell>
              <div>{e.userName ?? "—"}</div>
              {e.userEmail ? <div className="text-xs text-muted-foreground">{e.userEmail}</div> : null}
            </TableCell>
            <TableCell>{e.poolName ?? (e.kind === "NAMED" ? "Named seat" : "—")}</TableCell>
            <TableCell className="max-w-md">{e.summary}</TableCell>
            <TableCell className="font-mono text-xs text-muted-foreground">
              {e.requestId ? e.requestId.slice(0, 8) : "—"}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
