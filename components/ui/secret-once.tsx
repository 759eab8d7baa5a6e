"use client";
import type { ReactNode } from "react";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { toast } from "@/components/ui/toaster";

/**
 * A token or key just made, which the server keeps only hashed: shown this once, to copy now.
 * `copyLabel` adds a button that puts it on the clipboard; `onDone` a button that hides it.
 */
export function SecretShownOnce({
  title,
  secret,
  secretLabel,
  testId,
  copyLabel,
  onDone,
  variant,
  children,
}: {
  title: ReactNode;
  secret: string;
  /** The accessible name of the secret's text ("Token"). */
  secretLabel?: string;
  testId?: string;
  copyLabel?: string;
  onDone?: () => void;
  variant?: "default" | "success";
  /** What else the reader needs to use it (an address), above the secret. */
  children?: ReactNode;
}) {
  const copy = () =>
    void navigator.clipboard
      .writeText(secret)
      .then(() => toast.success("Copied."))
      .catch(() => toast.error("Could not copy: select it and copy it by hand."));
  return (
    <Alert variant={variant} role="status">
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription className="space-y-2">
        {children}
        <div className="flex flex-wrap items-center gap-2">
          <code
            className="break-all select-all rounded bg-muted px-2 py-1 text-xs"
            aria-label={secretLabel}
            data-testid={testId}
          >
            {secret}
          </code>
          {copyLabel ? (
            <Button size="sm" variant="outline" onClick={copy}>
              {copyLabel}
            </Button>
          ) : null}
          {onDone ? (
            <Button size="sm" variant="ghost" onClick={onDone}>
              Done
            </Button>
          ) : null}
        </div>
      </AlertDescription>
    </Alert>
  );
}
