import Link from "next/link";
import { ChevronRight } from "lucide-react";
import { Card, CardDescription, CardHeader } from "@/components/ui/card";
import { cn } from "@/lib/utils";

/**
 * One number of the overview, with what it means, and where to act on it. `tone="alert"` when
 * the number asks for attention (tickets about to miss their SLA, people refused a seat).
 */
export type Stat = {
  label: string;
  value: string;
  hint: string;
  href?: string;
  tone?: "normal" | "alert";
};

export function StatCard({ label, value, hint, href, tone = "normal" }: Stat) {
  const body = (
    <Card
      className={cn(
        "h-full transition-colors",
        href && "group-hover:border-primary/40 group-hover:bg-accent/40",
        tone === "alert" && "border-destructive/40",
      )}
    >
      <CardHeader>
        <CardDescription className="flex items-center justify-between">
          {label}
          {href && (
            <ChevronRight
              className="size-4 opacity-0 transition-opacity group-hover:opacity-100 group-focus-visible:opacity-100"
              aria-hidden
            />
          )}
        </CardDescription>
        <p className={cn("text-3xl font-semibold tabular-nums", tone === "alert" && "text-destructive")}>{value}</p>
        <p className="text-xs text-muted-foreground">{hint}</p>
      </CardHeader>
    </Card>
  );
  if (!href) return body;
  return (
    <Link
      href={href}
      className={
        "group block rounded-xl focus-visible:outline-none focus-visible:ring-2 " +
        "focus-visible:ring-ring focus-visible:ring-offset-2"
      }
    >
      {body}
    </Link>
  );
}

const COLUMNS = { 4: "lg:grid-cols-4", 5: "lg:grid-cols-5" } as const;

/** A titled row of the overview's numbers. */
export function StatSection({
  id,
  title,
  columns = 4,
  stats,
}: {
  id: string;
  title: string;
  columns?: keyof typeof COLUMNS;
  stats: Stat[];
}) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      <div className={cn("grid gap-4 sm:grid-cols-2", COLUMNS[columns])}>
        {stats.map((stat) => (
          <StatCard key={stat.label} {...stat} />
        ))}
      </div>
    </section>
  );
}
