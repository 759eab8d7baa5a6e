import "server-only";
import { generateOpenApiDocument } from "trpc-to-openapi";
import { appRouter } from "../routers/_app";

/*
 * The OpenAPI 3.1 document of /api/v1, generated from the procedures that carry OpenAPI
 * metadata (server/routers/api-v1.ts) and their zod schemas: never written by hand, so it
 * cannot drift from what the server does (server/api/openapi.test.ts checks both ways).
 */

let cached: ReturnType<typeof generateOpenApiDocument> | null = null;

export function openApiDocument() {
  cached ??= generateOpenApiDocument(appRouter, {
    title: "seatdesk API for programs",
    version: "1.0.0",
    baseUrl: "/api/v1",
    description:
      "Programs act for people through an API account's token (Authorization: Bearer sdk_…). Every write " +
      "names the person in On-Behalf-Of (email or employee id); acting for an agent takes that agent's seat. " +
      "Errors: {code, message, data}.",
    docsUrl: "/api/v1/docs",
  });
  return cached;
}
