"use client";
import { useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { XIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { Badge } from "@/components/ui/badge";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { licenseText } from "./format";

export type Member = { id: string; name: string; email: string };

/**
 * Chooses a pool's members: search agents and administrators, add, remove. Adding someone who
 * holds another license moves them (at their next checkout); removing a member ends the seat
 * they hold in this pool when the pool is saved.
 */
export function MembersPicker({
  id,
  poolId,
  value,
  onChange,
  error,
  disabled,
}: {
  id: string;
  poolId: string | null;
  value: Member[];
  onChange: (next: Member[]) => void;
  error?: string;
  disabled?: boolean;
}) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const term = useDebouncedValue(search.trim());
  const results = useQuery({
    ...trpc.adminLicenses.agents.queryOptions({ search: term, limit: 8 }),
    enabled: term.length > 0,
    placeholderData: keepPreviousData,
  });
  const chosen = new Set(value.map((m) => m.id));
  const errorId = `${id}-error`;

  return (
    <div
      className="grid gap-2"
      role="group"
      aria-labelledby={`${id}-label`}
      aria-describedby={error ? errorId : `${id}-hint`}
    >
      <Label id={`${id}-label`} htmlFor={`${id}-search`}>
        Members ({value.length})
      </Label>
      <p id={`${id}-hint`} className="text-xs text-muted-foreground">
        Adding someone with a named seat or another pool moves them here; the seat they hold now is kept until it ends.
        Removing a member ends the seat they hold in this pool.
      </p>
      {value.length > 0 ? (
        <ul className="flex max-h-36 flex-wrap gap-1.5 overflow-y-auto" aria-label="Chosen members">
          {value.map((m) => (
            <li key={m.id}>
              <Badge variant="secondary" className="gap-1 py-1 pr-1">
                {m.name}
                <button
                  type="button"
                  className={
                    "rounded-sm p-0.5 hover:bg-background focus-visible:outline-none " +
                    "focus-visible:ring-2 focus-visible:ring-ring"
                  }
                  onClick={() => onChange(value.filter((x) => x.id !== m.id))}
                  disabled={disabled}
                  aria-label={`Remove ${m.name}`}
                >
                  <XIcon className="size-3" aria-hidden />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-muted-foreground">No members yet.</p>
      )}
      <Input
        id={`${id}-search`}
        type="search"
        placeholder="Search agents by name or email"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        autoComplete="off"
      />
      {error ? (
        <p id={errorId} role="alert" className="text-sm text-destructive">
          {error}
        </p>
      ) : null}
      {term ? (
        <div aria-live="polite" className="rounded-md border">
          {results.isError ? (
            <p className="p-3 text-sm text-destructive">Search failed: {errorMessage(results.error)}</p>
          ) : !results.data ? (
            <p className="p-3 text-sm text-muted-foreground">Searching…</p>
          ) : results.data.items.length === 0 ? (
            <p className="p-3 text-sm text-muted-foreground">No agent or administrator matches “{term}”.</p>
          ) : (
            <ul aria-label="Search results" className="divide-y">
              {results.data.items.map((a) => {
                const here = a.license.kind === "CONCURRENT" && a.license.poolId === poolId;
                return (
                  <li key={a.id} className="flex items-center justify-between gap-3 px-3 py-2 text-sm">
                    <span className="min-w-0">
                      <span className="font-medium">{a.name}</span>{" "}
                      <span className="text-muted-foreground">{a.email}</span>
                      <span className="block text-xs text-muted-foreground">
                        {a.active
                          ? here
                            ? "Member of this pool"
                            : `Now: ${licenseText(a.license)}`
                          : "Account disabled"}
                      </span>
                    </span>
                    <Button
                      type="button"
                      size="sm"
                      variant="outline"
                      disabled={disabled || chosen.has(a.id) || !a.active}
                      onClick={() => onChange([...value, { id: a.id, name: a.name, email: a.email }])}
                      aria-label={`Add ${a.name}`}
                    >
                      {chosen.has(a.id) ? "Added" : "Add"}
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      ) : null}
    </div>
  );
}
