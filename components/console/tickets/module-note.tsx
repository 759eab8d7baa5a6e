"use client";
import { useQuery } from "@tanstack/react-query";
import { LockIcon } from "lucide-react";
import { useTRPC } from "@/lib/trpc/react";
import { LICENSE_MODULE_NAMES, type LicenseModule } from "@/lib/validation/license-file";
import { Alert, AlertDescription } from "@/components/ui/alert";

const MODULE_OF_TYPE: Partial<Record<string, LicenseModule>> = { CHANGE: "change", PROBLEM: "problem" };

/**
 * On a change or problem ticket, tells an agent without the module's exclusive license what they
 * lack before they try (the server refuses the write anyway, with the same words).
 */
export function ModuleNote({ ticketType }: { ticketType: string }) {
  const trpc = useTRPC();
  const premium = MODULE_OF_TYPE[ticketType];
  const held = useQuery({ ...trpc.me.moduleLicenses.queryOptions(), enabled: Boolean(premium) });
  if (!premium || !held.data || held.data.includes(premium)) return null;
  const name = LICENSE_MODULE_NAMES[premium];
  return (
    <Alert variant="warning" data-testid="module-license-missing">
      <LockIcon aria-hidden />
      <AlertDescription>
        You have no {name} license, so you can read {premium} tickets but not work them. Ask an administrator for a{" "}
        {name} license.
      </AlertDescription>
    </Alert>
  );
}
