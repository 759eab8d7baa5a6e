"use client";
import { useState } from "react";
import { useForm, type Resolver } from "react-hook-form";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { applyServerErrors } from "@/lib/trpc/errors";
import { centsToPrice, priceToCents, seatPricesInput, type SeatPricesInput } from "@/lib/validation/seat-prices";
import { FormError } from "@/components/ui/form-error";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { toast } from "@/components/ui/toaster";
import { issuesToErrors } from "../shared/form-errors";

type PricesForm = { named: string; concurrent: string; currency: string };

/** Which form field a price input's path belongs to. */
const FIELD: Record<string, keyof PricesForm> = {
  namedSeatMonthlyCents: "named",
  concurrentSeatMonthlyCents: "concurrent",
  currency: "currency",
};
const inputOf = (v: PricesForm): SeatPricesInput => ({
  namedSeatMonthlyCents: priceToCents(v.named),
  concurrentSeatMonthlyCents: priceToCents(v.concurrent),
  currency: v.currency,
});

const resolver: Resolver<PricesForm> = async (values) => {
  const parsed = seatPricesInput.safeParse(inputOf(values));
  if (parsed.success) return { values, errors: {} };
  return {
    values: {},
    errors: issuesToErrors<PricesForm>(parsed.error.issues, (path) => FIELD[path.split(".")[0]!] ?? null),
  };
};

/**
 * What the organisation pays per seat and month (administrators only): the optimizer's default
 * prices. A refusal shows beside its field and keeps what was typed.
 */
export function SeatPricesCard({ prices }: { prices: SeatPricesInput }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PricesForm>({
    resolver,
    defaultValues: {
      named: centsToPrice(prices.namedSeatMonthlyCents),
      concurrent: centsToPrice(prices.concurrentSeatMonthlyCents),
      currency: prices.currency,
    },
  });
  const save = useMutation(
    trpc.adminSeatPrices.set.mutationOptions({
      onSuccess: (saved) => {
        toast.success(
          `Seat prices saved: ${centsToPrice(saved.namedSeatMonthlyCents)} ` +
            `and ${centsToPrice(saved.concurrentSeatMonthlyCents)} ${saved.currency} a month.`,
        );
        form.reset({
          named: centsToPrice(saved.namedSeatMonthlyCents),
          concurrent: centsToPrice(saved.concurrentSeatMonthlyCents),
          currency: saved.currency,
        });
        void queryClient.invalidateQueries({ queryKey: trpc.reports.choices.queryKey() });
      },
      onError: (error) => setFormError(applyServerErrors(form, error, (serverField) => FIELD[serverField])),
    }),
  );
  const { errors } = form.formState;
  return (
    <Card role="region" aria-labelledby="seat-prices-title">
      <CardHeader>
        <CardTitle id="seat-prices-title">Seat prices (administrators)</CardTitle>
        <CardDescription>
          What your organisation pays per seat and month; the optimizer starts from these.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <form
          noValidate
          aria-label="Seat prices"
          className="grid gap-4"
          onSubmit={form.handleSubmit((values) => {
            setFormError(null);
            save.mutate(inputOf(values));
          })}
        >
          <FormError message={formError} />
          <fieldset disabled={save.isPending} className="grid gap-4 sm:grid-cols-[1fr_1fr_8rem_auto] sm:items-start">
            <FormField id="prices-named" label="Named seat, per month" error={errors.named?.message}>
              <Input inputMode="decimal" autoComplete="off" {...form.register("named")} />
            </FormField>
            <FormField id="prices-concurrent" label="Concurrent seat, per month" error={errors.concurrent?.message}>
              <Input inputMode="decimal" autoComplete="off" {...form.register("concurrent")} />
            </FormField>
            <FormField id="prices-currency" label="Currency" error={errors.currency?.message}>
              <Input autoComplete="off" maxLength={3} className="uppercase" {...form.register("currency")} />
            </FormField>
            <Button type="submit" className="sm:mt-[1.375rem]">
              {save.isPending ? "Saving…" : "Save prices"}
            </Button>
          </fieldset>
        </form>
      </CardContent>
    </Card>
  );
}
