"use client";
import { useState, type ReactNode } from "react";
import { QueryClient, QueryClientProvider, MutationCache } from "@tanstack/react-query";
import { TRPC_MAX_BATCH_SIZE } from "./limits";
import { createTRPCClient, httpBatchLink, loggerLink, TRPCClientError } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import superjson from "superjson";
import type { AppRouter } from "@/server/routers/_app";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // Authorization and validation failures will not change on retry.
        retry: (failures, error) =>
          !(error instanceof TRPCClientError && error.data?.httpStatus && error.data.httpStatus < 500) && failures < 2,
      },
    },
    mutationCache: new MutationCache(),
  });
}

export function TRPCReactProvider({ children }: { children: ReactNode }) {
  // One query client per browser tab; never shared between users (it lives in React state).
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        loggerLink({
          enabled: (op) =>
            process.env.NODE_ENV === "development" && op.direction === "down" && op.result instanceof Error,
        }),
        // Batches split to fit the server's limit (lib/trpc/limits.ts).
        httpBatchLink({ url: "/api/trpc", transformer: superjson, maxItems: TRPC_MAX_BATCH_SIZE }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
