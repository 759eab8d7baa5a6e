"use client";
import { Button } from "@/components/ui/button";

/** Previous / Next under a table paged by cursor. */
export function PageNav({
  page,
  hasNext,
  onNext,
  onPrevious,
  busy,
  label,
}: {
  page: number;
  hasNext: boolean;
  onNext: () => void;
  onPrevious: () => void;
  busy?: boolean;
  label: string;
}) {
  if (page === 0 && !hasNext) return null;
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-3 pt-3 text-sm">
      <p className="text-muted-foreground" aria-live="polite">
        Page {page + 1}
      </p>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" onClick={onPrevious} disabled={page === 0 || busy}>
          Previous
        </Button>
        <Button variant="outline" size="sm" onClick={onNext} disabled={!hasNext || busy}>
          Next
        </Button>
      </div>
    </nav>
  );
}
