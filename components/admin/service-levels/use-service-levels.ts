"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/lib/trpc/react";
import type { AppRouter } from "@/server/routers/_app";
import type { inferRouterOutputs } from "@trpc/server";

export type ServiceLevelsData = inferRouterOutputs<AppRouter>["adminServiceLevels"]["get"];

/** The targets, week and settings (one query shared by the cards), and a way to store a save's answer. */
export function useServiceLevels() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const query = useQuery(trpc.adminServiceLevels.get.queryOptions());
  // Every save answers with the whole state: put it in the cache instead of fetching again.
  const store = (data: ServiceLevelsData) => queryClient.setQueryData(trpc.adminServiceLevels.get.queryKey(), data);
  return { query, store };
}
