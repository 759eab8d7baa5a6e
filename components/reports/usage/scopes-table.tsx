import { DownloadIcon } from "lucide-react";
import type { UsageReport } from "@/server/insight/types";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NumTable } from "../shared/num-table";
import { hours, number } from "../shared/format";

/** For "all seats": one line per pool and one for named seats. */
export function ScopesTable({ report, csvHref }: { report: UsageReport; csvHref: string }) {
  return (
    <Card role="region" aria-labelledby="scopes-title">
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <CardTitle id="scopes-title">Pools and named seats</CardTitle>
          <a href={csvHref} className={buttonVariants({ variant: "outline", size: "sm" })} download>
            <DownloadIcon aria-hidden /> CSV<span className="sr-only"> of pools and named seats</span>
          </a>
        </div>
        <CardDescription>Choose one under “Seats” above for its charts.</CardDescription>
      </CardHeader>
      <CardContent>
        <NumTable
          label="Use per pool and named seats"
          rows={report.scopes}
          rowKey={(s) => s.scope}
          columns={[
            { header: "Seats", cell: (s) => s.name },
            { header: "Owned", cell: (s) => number(s.seats), numeric: true },
            { header: "Peak in use", cell: (s) => number(s.peak), numeric: true },
            { header: "Refusals", cell: (s) => number(s.refusals), numeric: true },
            { header: "Seat-hours held", cell: (s) => hours(s.seatHoursUsed), numeric: true },
          ]}
        />
      </CardContent>
    </Card>
  );
}
