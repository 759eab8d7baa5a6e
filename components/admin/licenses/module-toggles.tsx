"use client";
import { useMutation } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import { errorMessage } from "@/lib/trpc/errors";
import { LICENSE_MODULES, LICENSE_MODULE_NAMES, type LicenseModule } from "@/lib/validation/license-file";
import type { AgentLicenseRow } from "@/server/licensing/assignments";
import { toast } from "@/components/ui/toaster";
import { useRefresh } from "./use-refresh";

/**
 * The modules column: one checkbox per premium module. Giving one beyond what the license file
 * grants is refused by the server with the numbers, shown as a toast; the box stays as it was.
 */
export function ModuleToggles({ agent }: { agent: AgentLicenseRow }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const options = (verb: string) => ({
    onSuccess: (_: unknown, input: { module: LicenseModule }) => {
      toast.success(`${LICENSE_MODULE_NAMES[input.module]} license ${verb} ${agent.name}.`);
      void refresh("agents", "moduleUsage");
    },
    onError: (error: unknown) => toast.error(errorMessage(error)),
  });
  const assign = useMutation(trpc.adminLicenses.assignModule.mutationOptions(options("given to")));
  const remove = useMutation(trpc.adminLicenses.removeModule.mutationOptions(options("taken from")));
  const busy = assign.isPending || remove.isPending;
  return (
    <div className="flex flex-col gap-1">
      {LICENSE_MODULES.map((module) => {
        const held = agent.modules.includes(module);
        return (
          <label key={module} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="size-4"
              checked={held}
              disabled={busy}
              aria-label={`${LICENSE_MODULE_NAMES[module]} license of ${agent.name}`}
              onChange={() => (held ? remove : assign).mutate({ userId: agent.id, module })}
            />
            {LICENSE_MODULE_NAMES[module]}
          </label>
        );
      })}
    </div>
  );
}
