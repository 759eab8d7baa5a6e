import type { NextRequest } from "next/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/routers/_app";
import { createContext } from "@/server/trpc/context";
import { responseMeta } from "@/server/trpc/init";
import { crossSiteRefusal, isCrossSiteWrite } from "@/server/http/same-origin";
import { limitTrpcRequest, TRPC_MAX_BATCH_SIZE } from "@/server/http/trpc-limits";

export const dynamic = "force-dynamic";

async function handler(incoming: NextRequest) {
  // proxy.ts skips this route (it is the busiest): the CSRF check happens here instead.
  if (isCrossSiteWrite(incoming)) return crossSiteRefusal();
  // Nor does the proxy's body limit apply: batch and body sizes are checked here.
  const limited = await limitTrpcRequest(incoming);
  if (!limited.ok) return limited.response;
  const req = limited.req;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    responseMeta,
    maxBatchSize: TRPC_MAX_BATCH_SIZE,
    createContext: () => createContext({ req }),
  });
}

export { handler as GET, handler as POST };
