import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Outputs = inferRouterOutputs<AppRouter>["adminGroups"];
export type GroupRow = Outputs["list"]["items"][number];
export type MemberRow = Outputs["members"]["items"][number];
