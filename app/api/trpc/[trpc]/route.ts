import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/routers/_app";
import { createContext } from "@/server/trpc/context";
import { responseMeta } from "@/server/trpc/init";
import { crossSiteRefusal, isCrossSiteWrite } from "@/server/http/same-origin";

export const dynamic = "force-dynamic";

function handler(req: Request) {
  // proxy.ts skips this route (it is the busiest): the CSRF check happens here instead.
  if (isCrossSiteWrite(req)) return crossSiteRefusal();
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    responseMeta,
    createContext: () => createContext({ req }),
  });
}

export { handler as GET, handler as POST };
