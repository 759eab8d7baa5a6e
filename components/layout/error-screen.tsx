"use client";

import { useEffect, useState } from "react";
import Link from "next/link";
import { DatabaseZapIcon, TriangleAlertIcon } from "lucide-react";
import { z } from "zod";
import { Button } from "@/components/ui/button";

// What /api/status/database answers (app/api/status/database/route.ts).
const DatabaseStatus = z.object({ database: z.enum(["reachable", "unavailable"]), message: z.string().optional() });

/**
 * Why a page failed, said plainly. In production Next hides a server error's message from the
 * browser (only its digest, the reference in the server's log, comes through), so the screen asks
 * the server whether its database is reachable: while it is not (a PostgreSQL restart), the
 * screen says so and that trying again in a few seconds will do.
 */
export function ErrorScreen({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  const [databaseMessage, setDatabaseMessage] = useState<string | null>(null);

  useEffect(() => {
    console.error(error);
    const controller = new AbortController();
    fetch("/api/status/database", { cache: "no-store", signal: controller.signal })
      .then(async (res) => DatabaseStatus.parse(await res.json()))
      .then((status) => setDatabaseMessage(status.database === "unavailable" ? (status.message ?? null) : null))
      // No answer at all: the server itself is away; the general wording below still holds.
      .catch(() => {});
    return () => controller.abort();
  }, [error]);

  const Icon = databaseMessage ? DatabaseZapIcon : TriangleAlertIcon;
  return (
    <main
      role="alert"
      className="mx-auto flex min-h-screen max-w-lg flex-col items-center justify-center gap-4 p-6 text-center"
    >
      <Icon className="size-10 text-muted-foreground" aria-hidden />
      <h1 className="text-2xl font-semibold">
        {databaseMessage ? "The service desk cannot reach its database" : "This page could not be shown"}
      </h1>
      <p className="text-muted-foreground">
        {databaseMessage ??
          "Something went wrong on our side, not in anything you did. Try again in a few seconds; " +
            "if it keeps happening, tell your IT administrator."}
      </p>
      {error.digest && (
        <p className="text-xs text-muted-foreground">
          Reference for your administrator: <code>{error.digest}</code>
        </p>
      )}
      <div className="flex gap-2">
        <Button onClick={retry}>Try again</Button>
        <Button variant="outline" asChild>
          <Link href="/">Go to the home page</Link>
        </Button>
      </div>
    </main>
  );
}
