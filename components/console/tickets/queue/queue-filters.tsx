"use client";
import { Button } from "@/components/ui/button";
import { FilterSelect, SearchField } from "@/components/ui/filter-fields";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import {
  PRIORITIES,
  QUEUE_SORT_LABEL,
  QUEUE_SORTS,
  TICKET_STATUS_LABEL,
  TICKET_STATUSES,
  TICKET_TYPE_LABEL,
  TICKET_TYPES,
  type PriorityValue,
  type QueueSort,
  type TicketStatusValue,
  type TicketTypeValue,
} from "@/lib/validation/tickets";
import type { Lookups } from "../types";

export type QueueFilterState = {
  search: string;
  type: TicketTypeValue | "";
  status: TicketStatusValue | "";
  priority: PriorityValue | "";
  groupId: string;
  /** An agent's id, "unassigned", or "" for anyone. */
  assigneeId: string;
  sort: QueueSort;
};

export const EMPTY_FILTERS: QueueFilterState = {
  search: "",
  type: "",
  status: "",
  priority: "",
  groupId: "",
  assigneeId: "",
  sort: "updated",
};

export const isFiltered = (f: QueueFilterState) =>
  Boolean(f.search.trim() || f.type || f.status || f.priority || f.groupId || f.assigneeId);

/** Search, filters and order of the queues; every control is labelled. */
export function QueueFilters({
  value,
  onChange,
  lookups,
}: {
  value: QueueFilterState;
  onChange: (next: QueueFilterState) => void;
  lookups: Lookups | undefined;
}) {
  const set = <K extends keyof QueueFilterState>(key: K, v: QueueFilterState[K]) => onChange({ ...value, [key]: v });
  // Everyone who can be assigned something, once, by name.
  const agents = [...new Map((lookups?.groups ?? []).flatMap((g) => g.members).map((m) => [m.id, m])).values()].sort(
    (a, b) => a.name.localeCompare(b.name),
  );
  return (
    <div className="flex flex-wrap items-end gap-3" role="search" aria-label="Search and filter tickets">
      <SearchField
        id="queue-search"
        placeholder="Number, title or text"
        value={value.search}
        onChange={(v) => set("search", v)}
      />
      <FilterSelect
        id="queue-type"
        label="Type"
        value={value.type}
        onChange={(v) => set("type", v)}
        all="All types"
        options={TICKET_TYPES.map((t) => [t, TICKET_TYPE_LABEL[t]] as const)}
      />
      <FilterSelect
        id="queue-status"
        label="Status"
        value={value.status}
        onChange={(v) => set("status", v)}
        all="Any status"
        options={TICKET_STATUSES.map((s) => [s, TICKET_STATUS_LABEL[s]] as const)}
      />
      <FilterSelect
        id="queue-priority"
        label="Priority"
        value={value.priority}
        onChange={(v) => set("priority", v)}
        all="Any priority"
        options={PRIORITIES.map((p) => [p, p] as const)}
      />
      <FilterSelect
        id="queue-group"
        label="Group"
        value={value.groupId}
        onChange={(v) => set("groupId", v)}
        all="All groups"
        options={(lookups?.groups ?? []).map((g) => [g.id, g.name] as const)}
      />
      <FilterSelect
        id="queue-assignee"
        label="Assignee"
        value={value.assigneeId}
        onChange={(v) => set("assigneeId", v)}
        all="Anyone"
        options={[["unassigned", "Unassigned"], ...agents.map((a): [string, string] => [a.id, a.name])]}
      />
      <div className="grid w-48 gap-1.5">
        <Label htmlFor="queue-sort">Order</Label>
        <NativeSelect id="queue-sort" value={value.sort} onChange={(e) => set("sort", e.target.value as QueueSort)}>
          {QUEUE_SORTS.map((s) => (
            <option key={s} value={s}>
              {QUEUE_SORT_LABEL[s]}
            </option>
          ))}
        </NativeSelect>
      </div>
      {isFiltered(value) ? (
        <Button variant="ghost" size="sm" onClick={() => onChange({ ...EMPTY_FILTERS, sort: value.sort })}>
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
