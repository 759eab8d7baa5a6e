import type { ReactNode } from "react";
import { DownloadIcon } from "lucide-react";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/** Chart colours from the theme, so charts follow the rest of the app. */
export const CHART = {
  primary: "var(--primary)",
  muted: "var(--muted-foreground)",
  destructive: "var(--destructive)",
  warning: "var(--warning)",
  success: "var(--success)",
  grid: "var(--border)",
} as const;

/**
 * A chart with its numbers beside it. The chart is a picture for the eye (hidden from screen
 * readers behind a one-sentence summary); the table beside it carries every number, so nothing
 * is lost to someone who cannot see the chart.
 */
export function ChartFigure({
  id,
  title,
  description,
  summary,
  chart,
  table,
  csvHref,
  wide = false,
}: {
  id: string;
  title: string;
  description: ReactNode;
  /** One sentence saying what the chart shows, read instead of the picture. */
  summary: string;
  chart: ReactNode;
  table: ReactNode;
  csvHref?: string;
  /** Chart above the table instead of beside it (for long time series). */
  wide?: boolean;
}) {
  return (
    <Card role="region" aria-labelledby={`${id}-title`} data-testid={id}>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <CardTitle id={`${id}-title`}>{title}</CardTitle>
          {csvHref ? (
            <a href={csvHref} className={buttonVariants({ variant: "outline", size: "sm" })} download>
              <DownloadIcon aria-hidden /> CSV<span className="sr-only"> of {title}</span>
            </a>
          ) : null}
        </div>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        <figure className={wide ? "grid gap-4" : "grid gap-4 lg:grid-cols-[3fr_2fr]"}>
          <figcaption className="sr-only">{summary}</figcaption>
          <div role="img" aria-label={summary} className="min-w-0">
            {chart}
          </div>
          <div className="max-h-80 min-w-0 overflow-auto rounded-md border">{table}</div>
        </figure>
      </CardContent>
    </Card>
  );
}
