"use client";
import { useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useDebouncedValue } from "@/lib/hooks/use-debounced-value";
import { formatWhen } from "@/lib/date-time";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { TitledCard } from "@/components/ui/card";
import { toastOutcome } from "@/components/admin/shared/toast-outcome";
import { DataTable, TableCell } from "@/components/ui/table";
import { toast } from "@/components/ui/toaster";
import { PagedQueryState, usePagedQuery } from "@/components/admin/shared/cursor-pager";

const PAGE_SIZE = 25;

/** People pinned by hand (the rules skip them), why and by whom; pin someone or unpin them. */
export function PinnedPeople() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { pager, query: pinned } = usePagedQuery("pinned", (cursor) =>
    trpc.adminLicenseRules.pinned.queryOptions({ cursor, limit: PAGE_SIZE }),
  );
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.adminLicenseRules.pathKey() });
  const unpin = useMutation(trpc.adminLicenseRules.unpin.mutationOptions(toastOutcome(() => void refresh())));
  return (
    <TitledCard
      title="Pinned by hand"
      description={
        "The rules leave these people's role and license as they are: change them on the Users and Licenses pages."
      }
      contentClassName="space-y-4"
    >
      <PinForm onPinned={refresh} />
      <PagedQueryState
        pager={pager}
        pageSize={PAGE_SIZE}
        noun="pinned people"
        hideSinglePage
        query={pinned}
        errorTitle="Could not load the pinned people"
        loadingLabel="Loading the pinned people…"
        empty={{ title: "Nobody is pinned", description: "The rules decide for everyone they match." }}
      >
        {(data) => (
          <>
            <DataTable
              label="Pinned people"
              columns={["Person", "Holds", "Why", "Pinned", { label: "Actions", srOnly: true }]}
              rows={data.items}
              rowKey={(p) => p.id}
              cells={(p) => (
                <>
                  <TableCell>
                    <span className="font-medium">{p.name}</span>
                    <span className="block text-xs text-muted-foreground">{p.email}</span>
                  </TableCell>
                  <TableCell>
                    {p.license.kind === "NAMED"
                      ? "Named seat"
                      : p.license.kind === "CONCURRENT"
                        ? `Pool ${p.license.poolName}`
                        : "No license"}
                  </TableCell>
                  <TableCell>{p.reason}</TableCell>
                  <TableCell className="text-sm">
                    {formatWhen(p.pinnedAt)}
                    {p.pinnedByName ? (
                      <span className="block text-xs text-muted-foreground">by {p.pinnedByName}</span>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    <Button
                      size="sm"
                      variant="outline"
                      disabled={unpin.isPending}
                      onClick={() => unpin.mutate({ userId: p.id })}
                    >
                      Unpin {p.name}
                    </Button>
                  </TableCell>
                </>
              )}
            />
          </>
        )}
      </PagedQueryState>
    </TitledCard>
  );
}

function PinForm({ onPinned }: { onPinned: () => void }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [userId, setUserId] = useState("");
  const [reason, setReason] = useState("");
  const term = useDebouncedValue(search.trim());
  const people = useQuery({
    ...trpc.adminUsers.list.queryOptions({ search: term, limit: 20 }),
    enabled: term.length >= 2,
  });
  const pin = useMutation(
    trpc.adminLicenseRules.pin.mutationOptions({
      onSuccess: (r) => {
        toast.success(r.message);
        setSearch("");
        setUserId("");
        setReason("");
        onPinned();
      },
    }),
  );
  const errors = fieldErrors(pin.error);
  return (
    <form
      className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_2fr_auto]"
      onSubmit={(e) => {
        e.preventDefault();
        pin.mutate({ userId, reason });
      }}
    >
      <FormField id="pin-search" label="Find a person" hint="Two letters or more of a name or email">
        <Input type="search" value={search} onChange={(e) => setSearch(e.target.value)} autoComplete="off" />
      </FormField>
      <FormField id="pin-person" label="Person" error={errors.userId}>
        <NativeSelect value={userId} onChange={(e) => setUserId(e.target.value)} disabled={!people.data}>
          <option value="">{people.isFetching ? "Searching…" : "Choose…"}</option>
          {(people.data?.items ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name} ({p.email})
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <FormField id="pin-reason" label="Why" error={errors.reason}>
        <Input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder="e.g. covers the desk until May"
        />
      </FormField>
      <Button type="submit" disabled={!userId || pin.isPending}>
        {pin.isPending ? "Pinning…" : "Pin"}
      </Button>
      {pin.error && !errors.userId && !errors.reason ? (
        <p role="alert" className="text-sm text-destructive sm:col-span-4">
          {errorMessage(pin.error)}
        </p>
      ) : null}
    </form>
  );
}
