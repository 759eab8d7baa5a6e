import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

export type UserRow = inferRouterOutputs<AppRouter>["adminUsers"]["list"]["items"][number];
