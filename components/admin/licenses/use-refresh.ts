"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";

type Part = "entitlement" | "license" | "pools" | "poolMembers" | "choices" | "agents" | "moduleUsage";

/** Invalidates only the parts of the licenses page a change touched. */
export function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return (...parts: Part[]) =>
    Promise.all(
      parts.map((part) =>
        queryClient.invalidateQueries({
          queryKey: part === "moduleUsage" ? trpc.reports.moduleUsage.queryKey() : trpc.adminLicenses[part].queryKey(),
        }),
      ),
    );
}

/** What a pool change touches: its row, the allocation, members' licenses, the pool choices. */
export const AFTER_POOL_CHANGE: Part[] = ["pools", "entitlement", "agents", "poolMembers", "choices"];
