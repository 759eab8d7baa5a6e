"use client";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { useFormError } from "@/lib/hooks/use-form-error";
import {
  LEVEL_LABEL,
  PRIORITIES,
  savePriorityMatrixInput,
  type SavePriorityMatrixInput,
} from "@/lib/validation/tickets";
import { NativeSelect } from "@/components/ui/native-select";
import { toast } from "@/components/ui/toaster";
import { QuerySection, SaveForm } from "./section";

type Cells = SavePriorityMatrixInput["cells"];
type Key = keyof Cells;
const LEVELS = [1, 2, 3] as const;
const KEYS = LEVELS.flatMap((i) => LEVELS.map((u) => `${i}x${u}` as Key));

/** The ITIL matrix: impact x urgency -> priority, for tickets created or re-rated from now on. */
export function PriorityMatrixCard() {
  const trpc = useTRPC();
  const query = useQuery(trpc.adminServiceLevels.getPriorityMatrix.queryOptions());
  return (
    <QuerySection
      title="Priority matrix"
      description={
        "A ticket's priority follows from its impact (how many are affected) " +
        "and urgency (how much it stops them). Existing tickets keep their " +
        "priority until someone changes their impact or urgency. A less " +
        "severe cell cannot have a higher priority than a more severe one."
      }
      query={query}
    >
      {(data) => <MatrixForm current={data} />}
    </QuerySection>
  );
}

function MatrixForm({ current }: { current: Cells }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useForm<SavePriorityMatrixInput>({
    resolver: zodResolver(savePriorityMatrixInput),
    defaultValues: { cells: current },
  });
  const refusal = useFormError(
    form,
    KEYS.map((k) => `cells.${k}` as const),
  );
  const errors = form.formState.errors.cells;
  const save = useMutation(
    trpc.adminServiceLevels.savePriorityMatrix.mutationOptions({
      onSuccess: (cells) => {
        queryClient.setQueryData(trpc.adminServiceLevels.getPriorityMatrix.queryKey(), cells);
        form.reset({ cells });
        toast.success("Priority matrix saved.");
      },
      onError: (error) => {
        refusal.showServerError(error);
        toast.error("The priority matrix was not saved.");
      },
    }),
  );

  return (
    <SaveForm
      form={form}
      save={save}
      refusal={refusal}
      saveLabel="Save matrix"
      saved={{ cells: current }}
      fieldsClassName="overflow-x-auto"
    >
      <legend className="sr-only">Priority for each impact and urgency</legend>
      <table className="w-full border-separate border-spacing-2 text-sm">
        <thead>
          <tr>
            <th scope="col" className="text-left font-medium text-muted-foreground">
              Impact ↓ / Urgency →
            </th>
            {LEVELS.map((u) => (
              <th key={u} scope="col" className="text-left font-medium">
                Urgency: {LEVEL_LABEL[u]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {LEVELS.map((i) => (
            <tr key={i}>
              <th scope="row" className="text-left font-medium">
                Impact: {LEVEL_LABEL[i]}
              </th>
              {LEVELS.map((u) => {
                const key = `${i}x${u}` as Key;
                const error = errors?.[key]?.message;
                return (
                  <td key={key} className="align-top">
                    <NativeSelect
                      aria-label={
                        `Priority for ${LEVEL_LABEL[i].toLowerCase()} impact ` +
                        `and ${LEVEL_LABEL[u].toLowerCase()} urgency`
                      }
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `matrix-${key}-error` : undefined}
                      {...form.register(`cells.${key}`)}
                    >
                      {PRIORITIES.map((p) => (
                        <option key={p} value={p}>
                          {p}
                        </option>
                      ))}
                    </NativeSelect>
                    {error ? (
                      <p id={`matrix-${key}-error`} role="alert" className="mt-1 text-sm text-destructive">
                        {error}
                      </p>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </SaveForm>
  );
}
