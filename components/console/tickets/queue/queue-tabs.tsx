"use client";
import { cn } from "@/lib/utils";
import type { QueueView } from "@/lib/validation/tickets";
import { formatQueueCount } from "@/lib/tickets/queue-count-cap";

export const QUEUE_TABS: { view: QueueView; label: string }[] = [
  { view: "mine", label: "My work" },
  { view: "my-groups-unassigned", label: "My groups' unassigned" },
  { view: "open", label: "All open" },
  { view: "breaching", label: "Breaching soon" },
  { view: "all", label: "All tickets" },
];

/** The queues as tabs, each with how many tickets it holds under the current filters. */
export function QueueTabs({
  view,
  counts,
  onChange,
}: {
  view: QueueView;
  counts: Partial<Record<QueueView, number>> | undefined;
  onChange: (view: QueueView) => void;
}) {
  return (
    <div role="tablist" aria-label="Queues" className="flex flex-wrap gap-1 border-b">
      {QUEUE_TABS.map((tab) => {
        const selected = tab.view === view;
        const count = counts?.[tab.view];
        return (
          <button
            key={tab.view}
            type="button"
            role="tab"
            id={`queue-tab-${tab.view}`}
            aria-selected={selected}
            aria-controls="queue-panel"
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(tab.view)}
            onKeyDown={(e) => {
              // Arrow keys move between tabs (the WAI-ARIA tabs pattern).
              const i = QUEUE_TABS.findIndex((t) => t.view === view);
              const next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : null;
              if (next === null) return;
              const target = QUEUE_TABS[(next + QUEUE_TABS.length) % QUEUE_TABS.length]!;
              onChange(target.view);
              document.getElementById(`queue-tab-${target.view}`)?.focus();
            }}
            className={cn(
              "-mb-px inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium " +
                "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring",
              selected
                ? "border-primary text-foreground"
                : "border-transparent text-muted-foreground hover:text-foreground",
              tab.view === "breaching" && count ? "text-destructive" : null,
            )}
          >
            {tab.label}
            <span
              className={cn(
                "rounded-full px-1.5 text-xs tabular-nums",
                selected ? "bg-primary text-primary-foreground" : "bg-muted",
              )}
              data-testid={`queue-count-${tab.view}`}
            >
              {count === undefined ? "…" : formatQueueCount(count)}
            </span>
          </button>
        );
      })}
    </div>
  );
}
