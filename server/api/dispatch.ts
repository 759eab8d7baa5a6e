import "server-only";
import { TRPCError, type AnyRouter } from "@trpc/server";
import { getErrorShape } from "@trpc/server/unstable-core-do-not-import";
import {
  coerceSchema,
  forEachOpenApiProcedure,
  getInputOutputParsers,
  getPathRegExp,
  instanceofZodTypeLikeVoid,
  instanceofZodTypeObject,
  instanceofZodTypeOptional,
  normalizePath,
  TRPC_ERROR_CODE_HTTP_STATUS,
  unwrapZodType,
  type OpenApiProcedure,
} from "trpc-to-openapi";
import { ZodArray } from "zod";
import type { Context } from "../trpc/context";
import { readableError, type ErrorBody } from "./errors";
import { decodePathSegment } from "@/lib/http/path-segment";

/*
 * The one dispatcher of /api/v1 (issue 14's lean path), for both ways it is served: Next's route
 * (fetch-handler.ts) and the custom server's Node handler (server/http/lean-server.ts). It does
 * what trpc-to-openapi's adapters do (the same OpenAPI metadata of the procedures picks the
 * procedure; query strings and path parameters are coerced by the input schema as the generated
 * document says; errors carry tRPC's code and shape) without the per-request work they add on a
 * program's busiest calls: a Fetch Request built from Node's request only for its abort signal,
 * a second body reader, the input schemas walked again to coerce them. The OpenAPI document is
 * still trpc-to-openapi's (openapi.ts), generated from the same metadata.
 */

export type ApiV1Call = {
  method: string;
  /** The path under /api/v1, percent-encoded as sent ("/tickets/INC-000123"). */
  pathname: string;
  searchParams: URLSearchParams;
  contentType: string | null;
  /** The request body as text (already limited in size by the caller); null when none was sent. */
  body: string | null;
};

export type ApiV1Answer = { status: number; body: unknown };

type Route = {
  pattern: RegExp;
  path: string;
  type: "query" | "mutation";
  /** The input schema's object shape, when it has one: which keys are arrays. */
  arrayKeys: Set<string>;
  voidInput: boolean;
};

const WITH_BODY = new Set(["POST", "PUT", "PATCH"]);

export function createApiV1Dispatcher(router: AnyRouter) {
  const routes = new Map<string, Route[]>();
  forEachOpenApiProcedure(router._def.procedures as Record<string, OpenApiProcedure>, ({ path, procedure, meta }) => {
    const type = procedure._def.type;
    if (type === "subscription") return;
    const { inputParser } = getInputOutputParsers(procedure);
    const schema = unwrapZodType(inputParser, true);
    const arrayKeys = new Set<string>();
    if (instanceofZodTypeObject(schema)) {
      for (const [key, shape] of Object.entries(schema.shape)) {
        const inner = instanceofZodTypeOptional(shape) ? shape.unwrap() : shape;
        if (inner instanceof ZodArray) arrayKeys.add(key);
      }
      // Once, here: trpc-to-openapi's adapters mark the same schemas coercing on every request.
      coerceSchema(schema);
    }
    const list = routes.get(meta.openapi.method) ?? [];
    list.push({
      pattern: getPathRegExp(normalizePath(meta.openapi.path)),
      path,
      type,
      arrayKeys,
      voidInput: instanceofZodTypeLikeVoid(schema),
    });
    routes.set(meta.openapi.method, list);
  });
  const createCaller = router.createCaller as (ctx: Context) => Record<string, unknown>;

  return async function dispatch(call: ApiV1Call, createContext: () => Context): Promise<ApiV1Answer> {
    const pathname = normalizePath(call.pathname);
    let route: Route | undefined;
    let pathInput: Record<string, string> = {};
    for (const r of routes.get(call.method) ?? []) {
      const match = r.pattern.exec(pathname);
      if (match) {
        route = r;
        pathInput = match.groups ?? {};
        break;
      }
    }
    let ctx: Context | undefined;
    let input: unknown;
    try {
      if (!route) {
        if (call.method === "HEAD") return { status: 204, body: undefined };
        throw new TRPCError({ code: "NOT_FOUND", message: "Not found" });
      }
      pathInput = decodedPathInput(pathInput);
      const withBody = WITH_BODY.has(call.method);
      if (withBody && !call.contentType?.startsWith("application/json"))
        throw new TRPCError({
          code: "UNSUPPORTED_MEDIA_TYPE",
          message: call.contentType ? `Unsupported content-type "${call.contentType}"` : "Missing content-type header",
        });
      if (!route.voidInput) input = { ...(withBody ? parseBody(call.body) : queryInput(call, route)), ...pathInput };
      ctx = createContext();
      const caller = createCaller(ctx);
      let procedure: unknown = caller;
      for (const segment of route.path.split(".")) procedure = (procedure as Record<string, unknown>)[segment];
      const data = await (procedure as (input: unknown) => Promise<unknown>)(input);
      return { status: 200, body: data };
    } catch (cause) {
      const error =
        cause instanceof TRPCError
          ? cause
          : new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: "Internal server error", cause });
      const shape = getErrorShape({
        config: router._def._config,
        error,
        type: route?.type ?? "unknown",
        path: route?.path,
        input,
        ctx,
      }) as { message?: string; data?: ErrorBody["data"] };
      const zod = error.code === "BAD_REQUEST" && error.cause instanceof Error && error.cause.name === "ZodError";
      return {
        status: TRPC_ERROR_CODE_HTTP_STATUS[error.code] ?? 500,
        body: readableError({
          ...shape,
          code: error.code,
          message: zod ? "Input validation failed" : (shape.message ?? error.message),
          issues: zod ? (error.cause as unknown as { issues: [] }).issues : undefined,
        }),
      };
    }
  };
}

/**
 * Path parameters as their values, not as sent: "INC%2D000123" is INC-000123, as trpc-to-openapi's
 * adapters do not decode them. One that cannot be decoded (a malformed escape) or holds text no
 * ticket could have names nothing: 404, as the pages answer (lib/http/path-segment.ts).
 */
function decodedPathInput(groups: Record<string, string>): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(groups)) {
    const segment = decodePathSegment(value);
    if (segment === null) throw new TRPCError({ code: "NOT_FOUND", message: "Not found" });
    decoded[name] = segment;
  }
  return decoded;
}

function parseBody(body: string | null): Record<string, unknown> | undefined {
  if (!body) return undefined;
  try {
    return JSON.parse(body) as Record<string, unknown>;
  } catch (cause) {
    throw new TRPCError({ code: "PARSE_ERROR", message: "Failed to parse request body", cause });
  }
}

/**
 * A query string as the input: one value as itself, several as a list, and always a list where the
 * schema wants one.
 */
function queryInput(call: ApiV1Call, route: Route): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const key of new Set(call.searchParams.keys())) {
    const values = call.searchParams.getAll(key);
    input[key] = values.length === 1 && !route.arrayKeys.has(key) ? values[0] : values;
  }
  return input;
}
