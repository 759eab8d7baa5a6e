import { router } from "../trpc/init";

/** The console's tickets: queues and reads need no seat (agentProcedure), changes need one (seatedProcedure). */
export const consoleTicketsRouter = router({});
