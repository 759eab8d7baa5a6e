import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { apiCall } from "@/test/api";
import type { Db } from "@/server/db/client";
import { appRouter } from "@/server/routers/_app";
import { openApiDocument } from "./openapi";
import { apiDocsHtml } from "./docs-page";

/*
 * The OpenAPI document is generated from the procedures; these checks fail when a procedure and
 * the document disagree: every api.* procedure is in it with its method and path, every
 * documented operation is served (it answers 401 without a token, not 404), bodies are strict.
 */

type Meta = { openapi?: { method: string; path: string } };
const doc = openApiDocument() as unknown as {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; security?: unknown[]; requestBody?: unknown }>>;
  components?: { securitySchemes?: Record<string, unknown> };
};
const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, { _def: { meta?: Meta } }>);
const apiProcedures = procedures.filter(([path]) => path.startsWith("api."));

let db: Db;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with a bearer security scheme", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.values(doc.components?.securitySchemes ?? {})).toContainEqual(
      expect.objectContaining({ type: "http", scheme: "bearer" }),
    );
  });

  it("has every api.* procedure, with its method and path, protected by the token", () => {
    expect(apiProcedures.length).toBeGreaterThanOrEqual(8);
    for (const [path, procedure] of apiProcedures) {
      const meta = procedure._def.meta?.openapi;
      expect(meta, `${path} has no OpenAPI metadata`).toBeDefined();
      const operation = doc.paths[meta!.path.replace(/\{(\w+)\}/g, "{$1}")]?.[meta!.method.toLowerCase()];
      expect(operation, `${path} is missing from the document`).toBeDefined();
      expect(operation!.operationId).toBe(path.replace(".", "-"));
      expect(operation!.security?.length).toBeGreaterThan(0);
    }
  });

  it("documents nothing that is not a procedure, and only api.* procedures", () => {
    const documented = Object.values(doc.paths).flatMap((methods) => Object.values(methods).map((o) => o.operationId));
    expect(documented.sort()).toEqual(apiProcedures.map(([path]) => path.replace(".", "-")).sort());
    const others = procedures.filter(([path, p]) => !path.startsWith("api.") && p._def.meta?.openapi);
    expect(others.map(([path]) => path)).toEqual([]);
  });

  it("refuses unknown fields in every request body (strict schemas)", () => {
    for (const methods of Object.values(doc.paths))
      for (const operation of Object.values(methods)) {
        const body = operation.requestBody as
          { content: { "application/json": { schema: { additionalProperties?: unknown } } } } | undefined;
        if (body) expect(body.content["application/json"].schema.additionalProperties).toBe(false);
      }
  });

  it("serves every documented operation (401 without a token, never 404)", async () => {
    for (const [path, methods] of Object.entries(doc.paths))
      for (const method of Object.keys(methods)) {
        const concrete = path.replace(/\{\w+\}/g, "x");
        const answer = await apiCall(db, method.toUpperCase(), concrete, {
          token: null,
          ...(method === "get" ? {} : { body: {} }),
        });
        expect(answer.status, `${method} ${path}`).toBe(401);
      }
  });

  it("has a readable page with every operation", () => {
    const html = apiDocsHtml();
    for (const path of Object.keys(doc.paths)) expect(html).toContain(`/api/v1${path}`);
    expect(html).not.toContain("<script");
  });
});
