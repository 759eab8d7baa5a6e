"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import {
  SEAT_EVENT_TYPES,
  SEAT_EVENT_TYPE_LABELS,
  seatHistoryFilter,
  type SeatHistoryFilter,
  type SeatHistoryFilterInput,
} from "@/lib/validation/seat-history";

export type PoolOption = { id: string; name: string; deleted: boolean };

const EMPTY: SeatHistoryFilterInput = { poolId: "", userQuery: "", from: "", to: "", types: [] };

/**
 * The history's filters. Dates are typed in the administrator's own time zone (datetime-local)
 * and parsed here, in the browser, so the server receives exact instants.
 */
export function HistoryFilters({
  pools,
  onApply,
}: {
  pools: PoolOption[];
  onApply: (filter: SeatHistoryFilter) => void;
}) {
  const form = useForm<SeatHistoryFilterInput, unknown, SeatHistoryFilter>({
    resolver: zodResolver(seatHistoryFilter),
    defaultValues: EMPTY,
  });
  const { errors } = form.formState;
  return (
    <form
      onSubmit={form.handleSubmit(onApply)}
      onReset={() => {
        form.reset(EMPTY);
        onApply({});
      }}
      noValidate
      className="grid gap-4 rounded-xl border bg-card p-4"
      aria-label="Filter the seat history"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <FormField id="history-pool" label="Pool" error={errors.poolId?.message}>
          <select
            className={
              "flex h-9 w-full rounded-md border border-input bg-card px-3 text-sm shadow-sm " +
              "focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
            }
            {...form.register("poolId")}
          >
            <option value="">All pools and named seats</option>
            {pools.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
                {p.deleted ? " (deleted)" : ""}
              </option>
            ))}
          </select>
        </FormField>
        <FormField id="history-person" label="Person" error={errors.userQuery?.message} hint="Part of a name or email">
          <Input type="search" autoComplete="off" {...form.register("userQuery")} />
        </FormField>
        <FormField id="history-from" label="From" error={errors.from?.message}>
          <Input type="datetime-local" {...form.register("from")} />
        </FormField>
        <FormField id="history-to" label="To" error={errors.to?.message}>
          <Input type="datetime-local" {...form.register("to")} />
        </FormField>
      </div>
      <fieldset>
        <legend className="mb-2 text-sm font-medium">
          Event types <span className="font-normal text-muted-foreground">(none checked: all)</span>
        </legend>
        <div className="flex flex-wrap gap-x-4 gap-y-2">
          {SEAT_EVENT_TYPES.map((type) => (
            <label key={type} className="flex items-center gap-2 text-sm">
              <input type="checkbox" value={type} className="size-4 accent-primary" {...form.register("types")} />
              {SEAT_EVENT_TYPE_LABELS[type]}
            </label>
          ))}
        </div>
        {errors.types ? (
          <p role="alert" className="mt-1 text-sm text-destructive">
            {errors.types.message}
          </p>
        ) : null}
      </fieldset>
      <div className="flex gap-2">
        <Button type="submit">Apply filters</Button>
        <Button type="reset" variant="outline">
          Clear
        </Button>
      </div>
    </form>
  );
}
