"use client";
import type { ComponentProps, ReactNode } from "react";
import type { FieldValues, UseFormReturn } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormActions, FormShell } from "@/components/ui/form-dialog";
import type { useFormError } from "@/lib/hooks/use-form-error";
import { QueryState, type QueryLike } from "@/components/ui/query-state";

/** A card of the service-levels page: title, what it governs, its content. */
export function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <Card>
      <CardHeader className="space-y-1.5">
        <CardTitle>{title}</CardTitle>
        <CardDescription>{description}</CardDescription>
      </CardHeader>
      <CardContent>{children}</CardContent>
    </Card>
  );
}

/** A card whose whole content waits for one query: its loading and load-error states, then the form. */
export function QuerySection<T>({
  title,
  description,
  query,
  children,
}: {
  title: string;
  description: ReactNode;
  query: QueryLike<T>;
  children: (data: T) => ReactNode;
}) {
  return (
    <Section title={title} description={description}>
      <QueryState query={query} errorTitle={`Could not load the ${title.toLowerCase()}`}>
        {children}
      </QueryState>
    </Section>
  );
}

/** Save, and (with `onUndo`) "Undo changes" back to what is saved, under a service-levels form. */
export function SaveActions({
  pending,
  saveLabel,
  dirty,
  onUndo,
}: {
  pending: boolean;
  saveLabel: string;
  dirty?: boolean;
  onUndo?: () => void;
}) {
  return (
    <FormActions pending={pending} submitLabel={saveLabel} pendingLabel="Saving…">
      {onUndo ? (
        <Button type="button" variant="outline" disabled={pending || !dirty} onClick={onUndo}>
          Undo changes
        </Button>
      ) : null}
    </FormActions>
  );
}

/**
 * A service-levels form: submitting clears the last refusal and saves the values through `save`;
 * under the fields, Save and (given `saved`) "Undo changes" back to what is saved.
 */
export function SaveForm<V extends FieldValues>({
  form,
  save,
  refusal,
  saveLabel,
  saved,
  ...shell
}: Omit<ComponentProps<typeof FormShell>, "onSubmit" | "error" | "pending" | "actions"> & {
  form: UseFormReturn<V>;
  save: { mutate: (values: V) => void; isPending: boolean };
  refusal: ReturnType<typeof useFormError<V>>;
  saveLabel: string;
  saved?: V;
}) {
  return (
    <FormShell
      {...shell}
      onSubmit={form.handleSubmit((values) => {
        refusal.clearFormError();
        save.mutate(values);
      })}
      error={refusal.formError}
      pending={save.isPending}
      actions={
        <SaveActions
          pending={save.isPending}
          saveLabel={saveLabel}
          dirty={form.formState.isDirty}
          onUndo={
            saved
              ? () => {
                  refusal.clearFormError();
                  form.reset(saved);
                }
              : undefined
          }
        />
      }
    />
  );
}

/** A native checkbox styled like the kit's controls. */
export const checkboxClass =
  "size-4 rounded border-input accent-primary focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring";
