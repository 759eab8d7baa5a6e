"use client";
import type { ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { errorMessage } from "@/lib/trpc/errors";
import { cn } from "@/lib/utils";

/** A list that failed to load: what the server said, and a way to try again. */
export function LoadErrorAlert({ title, error, onRetry }: { title?: string; error: unknown; onRetry: () => void }) {
  return (
    <Alert variant="destructive" role="alert">
      {title ? <AlertTitle>{title}</AlertTitle> : null}
      <AlertDescription className="flex flex-wrap items-center gap-3">
        <span>{errorMessage(error)}</span>
        <Button size="sm" variant="outline" onClick={onRetry}>
          Try again
        </Button>
      </AlertDescription>
    </Alert>
  );
}

/** The first answer is on its way: a few grey bars where the content will be, and what is being loaded. */
export function LoadingState({ label = "Loading…", className }: { label?: string; className?: string }) {
  return (
    <div role="status" className={cn("space-y-2 py-6", className)}>
      <div aria-hidden className="space-y-2">
        <div className="h-4 animate-pulse rounded bg-muted" />
        <div className="h-4 w-5/6 animate-pulse rounded bg-muted" />
        <div className="h-4 w-2/3 animate-pulse rounded bg-muted" />
      </div>
      <p className="text-center text-sm text-muted-foreground">{label}</p>
    </div>
  );
}

/** What an empty answer says: a title, why it is empty or what fills it, and a way out (a button). */
export type EmptyContent = { title: string; description?: ReactNode; action?: ReactNode };

/** What QueryState reads of a TanStack query (a tRPC `useQuery` result fits). */
export type QueryLike<T> = {
  data: T | undefined;
  error: unknown;
  isError: boolean;
  isFetching: boolean;
  refetch: () => unknown;
};

/**
 * The states every screen that shows a query goes through, in one order: the load error (with
 * "Try again"), the loading skeleton until the first answer, the empty state when `isEmpty` says
 * so, else the content, marked busy while a newer answer is on its way (a next page, a new filter).
 */
export function QueryState<T>({
  query,
  errorTitle,
  loadingLabel,
  isEmpty,
  empty,
  className,
  children,
}: {
  query: QueryLike<T>;
  /** What failed, as the alert's title: "The groups could not be loaded". */
  errorTitle?: string;
  /** Said while the first answer is on its way: "Loading groups…". */
  loadingLabel?: string;
  isEmpty?: (data: T) => boolean;
  /** The empty state's message, and an optional action (a button that makes the first one). */
  empty?: EmptyContent;
  className?: string;
  children: (data: T) => ReactNode;
}) {
  if (query.isError)
    return <LoadErrorAlert title={errorTitle} error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data === undefined) return <LoadingState label={loadingLabel} />;
  if (empty && isEmpty?.(query.data))
    return (
      <EmptyState title={empty.title} action={empty.action}>
        {empty.description}
      </EmptyState>
    );
  return (
    <div aria-busy={query.isFetching} className={className}>
      {children(query.data)}
    </div>
  );
}
