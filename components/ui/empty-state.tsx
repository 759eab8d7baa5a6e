import * as React from "react";
import { cn } from "@/lib/utils";

export type EmptyStateProps = {
  title: string;
  /** Why it is empty, or what fills it. */
  children?: React.ReactNode;
  /** A way out of the empty state, such as a button that creates the first item. */
  action?: React.ReactNode;
  className?: string;
};

export function EmptyState({ title, children, action, className }: EmptyStateProps) {
  return (
    <div
      className={cn(
        "flex flex-col items-center justify-center rounded-lg border border-dashed p-10 text-center",
        className,
      )}
    >
      <p className="font-medium">{title}</p>
      {children ? <div className="mt-1 max-w-md text-sm text-muted-foreground">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
