import type { ReactNode } from "react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";

export type Column<T> = { header: string; cell: (row: T) => ReactNode; numeric?: boolean };

/** The numbers beside a chart: a plain table, numbers right-aligned, with a sticky header. */
export function NumTable<T>({
  label,
  columns,
  rows,
  rowKey,
  footer,
}: {
  label: string;
  columns: Column<T>[];
  rows: T[];
  rowKey: (row: T) => string;
  footer?: ReactNode;
}) {
  return (
    <Table aria-label={label}>
      <TableHeader className="sticky top-0 bg-card">
        <TableRow>
          {columns.map((c) => (
            <TableHead key={c.header} className={c.numeric ? "text-right" : undefined}>
              {c.header}
            </TableHead>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={rowKey(row)}>
            {columns.map((c) => (
              <TableCell key={c.header} className={c.numeric ? "text-right tabular-nums" : undefined}>
                {c.cell(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
        {footer}
      </TableBody>
    </Table>
  );
}
