"use client";
import { useState } from "react";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { ROLE_LABELS } from "@/lib/validation/users";
import { Alert, AlertDescription } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { toast } from "@/components/ui/toaster";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";

/** Finds enabled agents and administrators not yet in the group, and adds one with a click. */
export function AddMemberPicker({ groupId, groupName }: { groupId: string; groupName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState("");
  const [refusal, setRefusal] = useState<string | null>(null);
  const debounced = useDebouncedValue(search.trim());
  const candidates = useQuery(
    trpc.adminGroups.candidates.queryOptions({ groupId, search: debounced }, { placeholderData: keepPreviousData }),
  );
  const add = useMutation(
    trpc.adminGroups.addMember.mutationOptions({
      onSuccess: (_result, input) => {
        const who = candidates.data?.find((c) => c.id === input.userId)?.name ?? "The person";
        toast.success(`${who} joined ${groupName}.`);
        setRefusal(null);
        void queryClient.invalidateQueries({ queryKey: trpc.adminGroups.members.queryKey({ groupId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.adminGroups.candidates.queryKey({ groupId }) });
        void queryClient.invalidateQueries({ queryKey: trpc.adminGroups.list.queryKey() });
      },
      onError: (error) => setRefusal(errorMessage(error)),
    }),
  );
  const inputId = `add-member-${groupId}`;

  return (
    <section className="grid gap-2 rounded-lg border p-3" aria-label={`Add members to ${groupName}`}>
      <Label htmlFor={inputId}>Add a member</Label>
      <Input
        id={inputId}
        type="search"
        placeholder="Search agents and administrators by name or email"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {refusal ? (
        <Alert variant="destructive" role="alert">
          <AlertDescription>{refusal}</AlertDescription>
        </Alert>
      ) : null}
      {candidates.isError ? (
        <p className="text-sm text-destructive" role="alert">
          {errorMessage(candidates.error)}
        </p>
      ) : candidates.isPending ? (
        <p className="text-sm text-muted-foreground" role="status">
          Searching…
        </p>
      ) : candidates.data.length === 0 ? (
        <p className="text-sm text-muted-foreground">
          {debounced
            ? "No enabled agent or administrator outside this group matches."
            : "Every enabled agent and administrator is already a member."}
        </p>
      ) : (
        <ul className="divide-y rounded-md border" aria-busy={candidates.isFetching}>
          {candidates.data.map((person) => (
            <li key={person.id} className="flex items-center gap-3 px-3 py-1.5">
              <div className="min-w-0 flex-1">
                <span className="text-sm font-medium">{person.name}</span>
                <span className="ml-2 text-xs text-muted-foreground">
                  {person.email} · {ROLE_LABELS[person.role]}
                </span>
              </div>
              <Button
                size="sm"
                variant="outline"
                disabled={add.isPending}
                onClick={() => add.mutate({ groupId, userId: person.id })}
                aria-label={`Add ${person.name} to ${groupName}`}
              >
                Add
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
