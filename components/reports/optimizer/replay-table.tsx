import type { ReplayOutcome, ServiceLevel } from "@/server/insight/types";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { number, percent, wait } from "../shared/format";

export function serviceLevelText(level: ServiceLevel): string {
  return level.kind === "maxRefusalRate"
    ? `at most ${percent(level.percent)} of attempts refused`
    : `no one waits longer than ${number(level.minutes)} min`;
}

/** Replayed outcomes side by side (today's seats, the recommendation, a what-if mix). */
export function ReplayTable({ label, columns }: { label: string; columns: { name: string; replay: ReplayOutcome }[] }) {
  const rows: { name: string; cell: (r: ReplayOutcome) => React.ReactNode }[] = [
    { name: "Checkout attempts", cell: (r) => number(r.attempts) },
    { name: "Refused at once", cell: (r) => number(r.refused) },
    { name: "Refusal rate", cell: (r) => percent(r.refusalRate) },
    { name: "Never got a seat", cell: (r) => number(r.gaveUp) },
    { name: "Typical wait (median)", cell: (r) => (r.refused ? wait(r.waits.p50Seconds) : "—") },
    { name: "Long wait (95th percentile)", cell: (r) => (r.refused ? wait(r.waits.p95Seconds) : "—") },
    { name: "Longest wait", cell: (r) => (r.refused ? wait(r.waits.maxSeconds) : "—") },
    {
      name: "Meets the service level",
      cell: (r) =>
        r.meetsServiceLevel ? <Badge variant="success">Yes</Badge> : <Badge variant="destructive">No</Badge>,
    },
  ];
  return (
    <Table aria-label={label}>
      <TableHeader>
        <TableRow>
          <TableHead>Replayed history</TableHead>
          {columns.map((c) => (
            <TableHead key={c.name} className="text-right">
              {c.name}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.name}>
            <TableCell>{row.name}</TableCell>
            {columns.map((c) => (
              <TableCell key={c.name} className="text-right tabular-nums">
                {row.cell(c.replay)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
