"use client";
import { useState } from "react";
import type { UsageReport } from "@/server/insight/types";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { hourRange, number, WEEKDAYS } from "../shared/format";

const HOURS = Array.from({ length: 24 }, (_, h) => h);

/**
 * Use by weekday and hour. The heat map is itself a table: each cell's shade shows the value,
 * and the cell's text and header cells give screen readers the same number.
 */
export function HeatMap({ report }: { report: UsageReport }) {
  const [show, setShow] = useState<"average" | "peak">("average");
  const grid = show === "average" ? report.heatmap : report.heatmapPeak;
  const max = Math.max(report.seats, ...grid.flat(), 0.0001);
  const digits = show === "average" ? 1 : 0;
  const busiest = grid
    .flatMap((row, d) => row.map((v, h) => ({ v, d, h })))
    .reduce((a, b) => (b.v > a.v ? b : a), { v: 0, d: 0, h: 0 });

  return (
    <Card role="region" aria-labelledby="heatmap-title" data-testid="heatmap">
      <CardHeader>
        <CardTitle id="heatmap-title">Use by weekday and hour</CardTitle>
        <CardDescription className="flex flex-wrap items-center gap-2">
          {show === "average" ? "Average" : "Highest"} seats in use in each hour of the week ({report.timeZone}); darker
          is busier, out of {report.seats} seats.
          {busiest.v > 0 ? ` Busiest: ${WEEKDAYS[busiest.d]} ${hourRange(busiest.h)}.` : ""}
          <span role="group" aria-label="Show in the heat map" className="inline-flex gap-1">
            <Button
              type="button"
              size="sm"
              variant={show === "average" ? "secondary" : "ghost"}
              aria-pressed={show === "average"}
              onClick={() => setShow("average")}
            >
              Average
            </Button>
            <Button
              type="button"
              size="sm"
              variant={show === "peak" ? "secondary" : "ghost"}
              aria-pressed={show === "peak"}
              onClick={() => setShow("peak")}
            >
              Peak
            </Button>
          </span>
        </CardDescription>
      </CardHeader>
      <CardContent className="overflow-x-auto">
        <table className="w-full border-separate border-spacing-0.5 text-[11px]">
          <caption className="sr-only">
            {show === "average" ? "Average" : "Highest"} seats in use by weekday (rows) and hour of the day (columns)
          </caption>
          <thead>
            <tr>
              <td />
              {HOURS.map((h) => (
                <th key={h} scope="col" className="px-0.5 text-center font-normal text-muted-foreground">
                  <span aria-hidden>{h}</span>
                  <span className="sr-only">{hourRange(h)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {WEEKDAYS.map((day, d) => (
              <tr key={day}>
                <th scope="row" className="pr-2 text-left font-medium whitespace-nowrap">
                  {day.slice(0, 3)}
                  <span className="sr-only">{day.slice(3)}</span>
                </th>
                {HOURS.map((h) => {
                  const value = grid[d]?.[h] ?? 0;
                  const share = Math.min(1, value / max);
                  return (
                    <td
                      key={h}
                      title={`${day} ${hourRange(h)}: ${number(value, digits)} seats`}
                      className="h-7 min-w-7 rounded-sm text-center tabular-nums"
                      style={{
                        backgroundColor:
                          `color-mix(in oklch, var(--primary) ${Math.round(share * 100)}%, ` + `var(--muted))`,
                        color: share > 0.55 ? "var(--primary-foreground)" : undefined,
                      }}
                    >
                      {value > 0 ? number(value, digits) : <span className="sr-only">0</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}
