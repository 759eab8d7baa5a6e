import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/routers/_app";

type Out = inferRouterOutputs<AppRouter>["consoleTickets"];
export type QueueItem = Out["queue"]["items"][number];
export type ConsoleTicket = Out["get"];
export type Lookups = Out["lookups"];
export type StaleEditDetails = import("@/server/tickets/update-ticket").StaleEditDetails;
