"use client";
import type { UseFormRegisterReturn } from "react-hook-form";
import { Input } from "@/components/ui/input";
import { FormField } from "@/components/ui/form-field";
import { ROLES, ROLE_LABELS, type UserProfileInput } from "@/lib/validation/users";
import { NativeSelect } from "@/components/ui/native-select";

type Field = keyof UserProfileInput;

/** Name, role and directory data: the fields the create and edit forms share. */
export function UserProfileFields({
  idPrefix,
  register,
  errors,
}: {
  idPrefix: string;
  register: (field: Field) => UseFormRegisterReturn;
  errors: Partial<Record<Field, { message?: string }>>;
}) {
  const id = (field: Field) => `${idPrefix}-${field}`;
  return (
    <>
      <FormField id={id("name")} label="Name" error={errors.name?.message}>
        <Input autoComplete="off" {...register("name")} />
      </FormField>
      <FormField
        id={id("role")}
        label="Role"
        error={errors.role?.message}
        hint={
          "End users use the portal; agents work tickets; administrators configure seatdesk; report " +
          "viewers read the license reports (no seat needed)."
        }
      >
        <NativeSelect {...register("role")}>
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </NativeSelect>
      </FormField>
      <div className="grid gap-4 sm:grid-cols-2">
        <FormField id={id("department")} label="Department (optional)" error={errors.department?.message}>
          <Input autoComplete="off" {...register("department")} />
        </FormField>
        <FormField id={id("jobCode")} label="Job code (optional)" error={errors.jobCode?.message}>
          <Input autoComplete="off" {...register("jobCode")} />
        </FormField>
      </div>
      <FormField
        id={id("externalId")}
        label="External ID (optional)"
        error={errors.externalId?.message}
        hint="The person's id in your HR system or identity provider."
      >
        <Input autoComplete="off" {...register("externalId")} />
      </FormField>
    </>
  );
}
