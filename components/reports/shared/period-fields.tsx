"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { PERIOD_PRESETS, type PeriodPreset } from "./period";

type Field = "preset" | "from" | "to";

/** Preset periods (7, 30, 90 days) or two calendar days; the days show only for "custom". */
export function PeriodFields({
  idPrefix,
  preset,
  register,
  errors,
}: {
  idPrefix: string;
  preset: PeriodPreset;
  register: (field: Field) => UseFormRegisterReturn;
  errors: Partial<Record<Field, { message?: string }>>;
}) {
  return (
    <>
      <FormField id={`${idPrefix}-preset`} label="Period" error={errors.preset?.message}>
        <NativeSelect {...register("preset")}>
          {PERIOD_PRESETS.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      {preset === "custom" ? (
        <>
          <FormField id={`${idPrefix}-from`} label="From (first day)" error={errors.from?.message}>
            <Input type="date" {...register("from")} />
          </FormField>
          <FormField id={`${idPrefix}-to`} label="To (last day, included)" error={errors.to?.message}>
            <Input type="date" {...register("to")} />
          </FormField>
        </>
      ) : null}
    </>
  );
}
