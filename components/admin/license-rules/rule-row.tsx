"use client";
import { ArrowDownIcon, ArrowUpIcon, Trash2Icon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { FormField } from "@/components/ui/form-field";
import { neverHoldsSeat } from "@/lib/auth/roles";
import { ROLE_LABELS, RULE_ROLES, type RuleLicenseKind, type RuleRole } from "@/lib/validation/license-rules";
import { LICENSE_MODULE_NAMES, LICENSE_MODULES } from "@/lib/validation/license-file";
import type { DraftRule } from "./draft";

/** One rule of the list: its conditions (any value of a list matches, every list must match) and what it gives. */
export function RuleRow({
  rule,
  index,
  count,
  pools,
  onChange,
  onMove,
  onRemove,
}: {
  rule: DraftRule;
  index: number;
  count: number;
  pools: { id: string; name: string }[];
  onChange: (patch: Partial<DraftRule>) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = (field: string) => `${rule.key}-${field}`;
  const seatless = neverHoldsSeat(rule.role);
  const text = (field: "jobCodes" | "departments" | "groups" | "employeeTypes", label: string, hint: string) => (
    <FormField id={id(field)} label={label} hint={hint}>
      <Input value={rule[field]} onChange={(e) => onChange({ [field]: e.target.value })} autoComplete="off" />
    </FormField>
  );
  return (
    <li className="space-y-3 rounded-lg border p-4" aria-label={`Rule ${index + 1}`}>
      <div className="flex flex-wrap items-end gap-3">
        <span className="pb-2 text-sm font-semibold tabular-nums text-muted-foreground">{index + 1}.</span>
        <FormField id={id("name")} label="Name" className="min-w-56 flex-1">
          <Input value={rule.name} onChange={(e) => onChange({ name: e.target.value })} placeholder="Service desk" />
        </FormField>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input
            type="checkbox"
            checked={rule.enabled}
            onChange={(e) => onChange({ enabled: e.target.checked })}
            className="size-4"
          />
          Enabled
        </label>
        <div className="flex gap-1 pb-0.5">
          <Button
            type="button"
            size="icon"
            variant="outline"
            aria-label={`Move rule ${index + 1} up`}
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            <ArrowUpIcon aria-hidden />
          </Button>
          <Button
            type="button"
            size="icon"
            variant="outline"
            aria-label={`Move rule ${index + 1} down`}
            disabled={index === count - 1}
            onClick={() => onMove(1)}
          >
            <ArrowDownIcon aria-hidden />
          </Button>
          <Button
            type="button"
            size="icon"
            variant="outline"
            aria-label={`Remove rule ${index + 1}`}
            onClick={onRemove}
          >
            <Trash2Icon aria-hidden />
          </Button>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        {text("jobCodes", "Job codes", "e.g. IT-SD, IT-* (empty: any)")}
        {text("departments", "Departments", "Empty: any department")}
        {text("groups", "Provider groups", "Any of the person's groups")}
        {text("employeeTypes", "Employee types", "e.g. Employee, Contractor")}
      </div>
      <div className="grid gap-3 sm:grid-cols-3">
        <FormField id={id("role")} label="Gives the role">
          <NativeSelect value={rule.role} onChange={(e) => onChange({ role: e.target.value as RuleRole })}>
            {RULE_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          id={id("license")}
          label="And the license"
          hint={seatless ? "End users and report viewers never hold a seat" : undefined}
        >
          <NativeSelect
            value={seatless ? "NONE" : rule.license}
            disabled={seatless}
            onChange={(e) => onChange({ license: e.target.value as RuleLicenseKind })}
          >
            <option value="NAMED">A named seat</option>
            <option value="CONCURRENT">A place in a pool</option>
            <option value="NONE">No license</option>
          </NativeSelect>
        </FormField>
        {rule.license === "CONCURRENT" && !seatless ? (
          <FormField id={id("pool")} label="Pool">
            <NativeSelect value={rule.poolId} onChange={(e) => onChange({ poolId: e.target.value })}>
              <option value="">Choose a pool…</option>
              {pools.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </NativeSelect>
          </FormField>
        ) : null}
      </div>
      <fieldset className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <legend className="mb-1 text-sm font-medium">
          And module licenses{" "}
          <span className="font-normal text-muted-foreground">
            {seatless ? "(for agents and administrators only)" : "(within what the license file grants)"}
          </span>
        </legend>
        {LICENSE_MODULES.map((m) => (
          <label key={m} className="flex items-center gap-2">
            <input
              type="checkbox"
              className="size-4"
              checked={rule.modules.includes(m)}
              disabled={seatless && !rule.modules.includes(m)}
              onChange={(e) =>
                onChange({
                  modules: e.target.checked ? [...rule.modules, m] : rule.modules.filter((x) => x !== m),
                })
              }
            />
            {LICENSE_MODULE_NAMES[m]}
          </label>
        ))}
      </fieldset>
    </li>
  );
}
