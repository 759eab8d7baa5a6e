"use client";
import { Bar, BarChart, CartesianGrid, Cell, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Money } from "@/server/insight/types";
import { CHART, ChartFigure } from "../shared/chart-figure";
import { NumTable } from "../shared/num-table";
import { money, number } from "../shared/format";

export type CostColumn = { name: string; namedSeats: number; concurrentSeats: number; cost: Money };

/** Cost per month of two or more mixes, as bars, with the seats and the money in a table. */
export function CostChart({
  id,
  title,
  columns,
  summary,
}: {
  id: string;
  title: string;
  columns: CostColumn[];
  summary: string;
}) {
  const currency = columns[0]?.cost.currency ?? "EUR";
  return (
    <ChartFigure
      id={id}
      title={title}
      description="Seats owned and what they cost per month, at the prices above."
      summary={summary}
      chart={
        <ResponsiveContainer width="100%" height={220}>
          <BarChart
            data={columns.map((c) => ({ name: c.name, cost: c.cost.cents / 100 }))}
            margin={{ top: 20, right: 8, bottom: 0, left: 8 }}
          >
            <CartesianGrid stroke={CHART.grid} vertical={false} />
            <XAxis dataKey="name" fontSize={12} />
            <YAxis fontSize={12} tickFormatter={(v: number) => money(v * 100, currency)} width={90} />
            <Tooltip formatter={(v) => money(Number(v) * 100, currency)} />
            <Bar dataKey="cost" name="Cost per month" isAnimationActive={false}>
              {columns.map((c, i) => (
                <Cell key={c.name} fill={i === 0 ? CHART.muted : CHART.primary} />
              ))}
              <LabelList
                dataKey="cost"
                position="top"
                fontSize={12}
                formatter={(v) => money(Number(v) * 100, currency)}
              />
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      }
      table={
        <NumTable
          label={title}
          rows={columns}
          rowKey={(c) => c.name}
          columns={[
            { header: "Mix", cell: (c) => c.name },
            { header: "Named", cell: (c) => number(c.namedSeats), numeric: true },
            { header: "Concurrent", cell: (c) => number(c.concurrentSeats), numeric: true },
            { header: "Per month", cell: (c) => money(c.cost.cents, c.cost.currency), numeric: true },
          ]}
        />
      }
    />
  );
}
