"use client";
import type { ReactNode } from "react";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { errorMessage } from "@/lib/trpc/errors";

/** A card of the service-levels page with its loading and load-error states. */
export function Section({
  title,
  description,
  query,
  children,
}: {
  title: string;
  description: ReactNode;
  /** The card's query when the whole card waits for it; a card with its own states leaves it out. */
  query?: { isPending: boolean; isError: boolean; error: unknown };
  children: ReactNode;
}) {
  return (
    <Card aria-busy={query?.isPending}>
      <CardHeader className="space-y-1.5">
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>
        {query?.isError ? (
          <Alert variant="destructive" role="alert">
            <AlertDescription>
              Could not load the {title.toLowerCase()}: {errorMessage(query.error)}
            </AlertDescription>
          </Alert>
        ) : query?.isPending ? (
          <p className="text-sm text-muted-foreground">Loading…</p>
        ) : (
          children
        )}
      </CardContent>
    </Card>
  );
}

/** A native checkbox styled like the kit's controls. */
export const checkboxClass =
  "size-4 rounded border-input accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";
