import type { Db } from "@/server/db/client";
import { appRouter } from "@/server/routers/_app";
import { createCallerFactory } from "@/server/trpc/init";
import { createInnerContext } from "@/server/trpc/context";
import type { ValidSession } from "@/server/auth/auth-sessions";

const createCaller = createCallerFactory(appRouter);

/** Calls procedures as the given session (or anonymously), through every middleware. */
export function callerFor(db: Db, session: ValidSession | null) {
  return createCaller(createInnerContext({ db, session }));
}
