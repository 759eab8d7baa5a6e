import http from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { apiToken } from "@/test/api";
import { serveRoutesFrom } from "@/test/http";
import { createPool, createPoolMembers, createUser } from "@/test/factories";
import { createTicket } from "@/server/tickets/create-ticket";
import type { Db } from "@/server/db/client";
import { Prisma } from "@/server/db/generated/client";
import { TRPC_ERROR_CODE_HTTP_STATUS } from "trpc-to-openapi";
import { openApiDocument } from "@/server/api/openapi";
import { apiBodyMaxBytes } from "@/server/api/gate";
import { createLeanHandlers } from "@/server/http/lean-server";
import { createConnection, revokeConnection } from "@/server/scim/tokens";
import { ERROR_SCHEMA } from "@/server/scim/errors";
import { PATCH_SCHEMA } from "@/server/scim/patch";
import { ENTERPRISE_SCHEMA, GROUP_SCHEMA, USER_SCHEMA } from "@/server/scim/schemas";
import { API_SCOPES } from "@/lib/validation/api-accounts";
import {
  encodeLoosely as encode,
  fromJsonSchema,
  hostileHeaderValue,
  hostileJsonText,
  hostileText,
  hostileValue,
  LEAK,
  rawSegment,
  toJson,
  type JsonSchema,
} from "./fuzz/arbitraries";
import { buildFuzzWorld, type FuzzWorld } from "./fuzz/setup";

/*
 * Nothing a program or an identity provider can send yields a 500 (issue 11, item 5), over HTTP:
 * generated requests to the API for programs, /api/v1 (every operation of its OpenAPI document,
 * read at run time so a new endpoint is fuzzed without a change here), and to SCIM 2.0,
 * /api/scim/v2 (Users, Groups and the discovery endpoints). Hostile path parameters, query
 * strings, JSON bodies and headers (Authorization, On-Behalf-Of, Idempotency-Key, Content-Type,
 * Origin, forwarding and request-id headers), with tokens of every scope and tokens that are
 * expired, revoked, of a disabled account or over their rate limit. Each request is hostile in one
 * or a few of its parts and valid in the others, so most of them reach the procedures.
 *
 * /api/v1 goes through both ways it is served: Next's route (app/api/v1/[...path]/route.ts) and
 * the custom server's lean path (server/http/lean-server.ts) over real HTTP. Every answer is
 * 2xx-4xx with a JSON body; an error has a stable `code` and a `message`; no body shows a stack or
 * database text; a write refused with a 4xx changed nothing. SCIM errors are SCIM errors (RFC 7644
 * §3.12, as server/scim/errors.ts makes them): `schemas` with the Error URN, `status` (the HTTP
 * status as text) and a `detail`; the one 5xx allowed is /Bulk's 501. A write's actions, audit
 * and seat history never carry the caller's x-request-id (server/http/request-id.ts).
 *
 * How many: FUZZ_RUNS requests per property when set (the full run); else this file's share of
 * FUZZ_BUDGET_SECONDS (default 60: about 60 s for the file with its setup). FUZZ_SEED replays the
 * generated requests (exactly with FUZZ_RUNS; within a time budget the number of runs varies).
 */

const FULL_RUNS = Number(process.env.FUZZ_RUNS) || 0;
const BUDGET_MS = (Number(process.env.FUZZ_BUDGET_SECONDS) || 60) * 1000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** The generated requests' share of the budget (the rest is the file's setup): /api/v1 60 %, SCIM 40 %. */
const FUZZ_MS = Math.floor(BUDGET_MS * 0.6);
const TIMEOUT = FULL_RUNS ? 60 * 60_000 : 120_000;

/**
 * fc.assert of an async property within its share of the budget. fast-check stops at the time limit
 * by racing the run in progress, which goes on unawaited: that request is waited for here, so it never
 * overlaps the next property's (whose "a refused write changed nothing" check it would upset).
 */
async function assertWithin<T>(budgetMs: number, requests: fc.Arbitrary<T>, send: (request: T) => Promise<void>) {
  let inFlight: Promise<unknown> = Promise.resolve();
  try {
    await fc.assert(
      fc.asyncProperty(requests, (request) => {
        const run = send(request);
        inFlight = run.catch(() => undefined);
        return run;
      }),
      {
        numRuns: FULL_RUNS || 100_000,
        seed: SEED,
        ...(FULL_RUNS ? {} : { interruptAfterTimeLimit: Math.max(1000, budgetMs), markInterruptAsFailure: false }),
      },
    );
  } finally {
    await inFlight;
  }
}

const apiRoute = await import("@/app/api/v1/[...path]/route");
const scimRoute = await import("@/app/api/scim/v2/[[...path]]/route");

let db: Db;
let world: FuzzWorld;
let leanServer: http.Server;
let leanBase: { host: string; port: number };
/** Requests sent and their answers' statuses, per property, printed at the end (the figures of a run). */
const sent = new Map<string, Record<number, number>>();
const count = (what: string, status: number) => {
  const statuses = sent.get(what) ?? {};
  statuses[status] = (statuses[status] ?? 0) + 1;
  sent.set(what, statuses);
};

type Answer = { status: number; contentType: string; text: string };

// ───────────── The world: people, API tokens, SCIM connections ─────────────

type ApiWorld = {
  /** `Bearer …` of live tokens with every scope. */
  full: string[];
  /** `Bearer …` of live tokens with one scope each, and one over its per-minute limit (429). */
  narrow: string[];
  /** Authorization values that must be refused with 401. */
  refused: string[];
  /** On-Behalf-Of values of people a write may act for: the tickets' requester, a named agent, a pool's two members. */
  people: string[];
  /** On-Behalf-Of values a write must refuse or that cannot act: unlicensed agent, admin, disabled, unknown. */
  others: string[];
  /** Tickets of the requester (ids and display numbers), two of them resolved. */
  ticketIds: string[];
  ticketRefs: string[];
};
let api: ApiWorld;

type ScimWorld = { token: string; other: string; revoked: string; userIds: string[]; groupIds: string[] };
let scimWorld: ScimWorld;

beforeAll(async () => {
  ({ db } = await createTestDatabase());
  serveRoutesFrom(db);
  world = await buildFuzzWorld(db);

  const requester = world.sessions.END_USER!.user;
  await db.user.update({ where: { id: requester.id }, data: { externalId: "E-FUZZ-1" } });
  const agent = world.sessions.AGENT!.user;
  const unlicensed = await createUser(db, { role: "AGENT" });
  const disabled = await createUser(db, { role: "END_USER", active: false });
  // Two members of a one-seat pool: whichever acts second while the first holds the seat is refused (409).
  const [poolFirst, poolSecond] = await createPoolMembers(db, (await createPool(db, { size: 1 })).id, 2);
  const tickets = [];
  for (const n of [1, 2, 3, 4])
    tickets.push(await createTicket(db, { id: requester.id, role: "END_USER", via: "portal" }, { title: `Fuzz ${n}` }));
  await db.ticket.updateMany({
    where: { id: { in: tickets.slice(2).map((t) => t.id) } },
    data: { status: "RESOLVED", resolvedAt: new Date() },
  });
  const full = await Promise.all([1, 2].map(() => apiToken(db, [...API_SCOPES]).then((t) => t.token)));
  const narrow = await Promise.all(API_SCOPES.map((scope) => apiToken(db, [scope]).then((t) => t.token)));
  const limited = await apiToken(db, [...API_SCOPES], { requestsPerMinute: 2 });
  const expired = await apiToken(db, ["READ_TICKETS"]);
  await db.apiToken.update({ where: { id: expired.tokenId }, data: { expiresAt: new Date(Date.now() - 1000) } });
  const revoked = await apiToken(db, ["READ_TICKETS"]);
  await db.apiToken.update({ where: { id: revoked.tokenId }, data: { revokedAt: new Date() } });
  const disabledAccount = await apiToken(db, [...API_SCOPES]);
  await db.apiAccount.update({ where: { id: disabledAccount.account.id }, data: { disabledAt: new Date() } });
  const live = full[0]!;
  api = {
    full: full.map((t) => `Bearer ${t}`),
    narrow: [...narrow, limited.token].map((t) => `Bearer ${t}`),
    refused: [
      `Bearer ${expired.token}`,
      `Bearer ${revoked.token}`,
      `Bearer ${disabledAccount.token}`,
      `Bearer sdk_${"A".repeat(32)}`,
      `Bearer ${live.slice(0, -1)}`,
      `Bearer ${live}x`,
      `Bearer ${live} ${live}`,
      `Bearer ${live}, Bearer ${live}`,
      `Basic ${Buffer.from("user:pass").toString("base64")}`,
      `Token ${live}`,
      `${live}`,
      "Bearer",
      "Bearer ",
      `Bearer sdk_${"A".repeat(5000)}`,
    ],
    people: [
      requester.email,
      requester.email.toUpperCase(),
      "E-FUZZ-1",
      agent.email,
      agent.email,
      agent.email,
      poolFirst!.email,
      poolSecond!.email,
    ],
    others: [
      unlicensed.email,
      world.sessions.ADMIN!.user.email,
      disabled.email,
      "nobody@fuzz.test",
      `${requester.email}, ${agent.email}`,
      `${requester.email} E-FUZZ-1`,
    ],
    ticketIds: tickets.map((t) => t.id),
    ticketRefs: tickets.map((t) => t.displayNumber),
  };

  const lean = createLeanHandlers([{ key: "X-Content-Type-Options", value: "nosniff" }], db);
  leanServer = http.createServer((req, res) => {
    if (lean.handle(req, res)) return;
    res.statusCode = 404;
    res.end("next would answer");
  });
  await new Promise<void>((resolve) => leanServer.listen(0, "127.0.0.1", resolve));
  leanBase = { host: "127.0.0.1", port: (leanServer.address() as AddressInfo).port };

  const admin = world.sessions.ADMIN!.user;
  const connection = await createConnection(db, { actorId: admin.id }, { name: "Fuzz IdP" });
  const other = await createConnection(db, { actorId: admin.id }, { name: "Other IdP" });
  const gone = await createConnection(db, { actorId: admin.id }, { name: "Revoked IdP" });
  await revokeConnection(db, { id: gone.connection.id });
  scimWorld = { token: connection.token, other: other.token, revoked: gone.token, userIds: [], groupIds: [] };
  for (const n of [1, 2]) {
    const user = await scim("POST", ["Users"], "", {
      authorization: `Bearer ${connection.token}`,
      body: toJson({
        schemas: [USER_SCHEMA],
        userName: `fuzz${n}@idp.test`,
        name: { givenName: "Fuzz", familyName: `Person ${n}` },
      }),
    });
    expect(user.status, user.text).toBe(201);
    scimWorld.userIds.push((JSON.parse(user.text) as { id: string }).id);
  }
  const group = await scim("POST", ["Groups"], "", {
    authorization: `Bearer ${connection.token}`,
    body: toJson({ schemas: [GROUP_SCHEMA], displayName: "Fuzz group", members: [{ value: scimWorld.userIds[0] }] }),
  });
  expect(group.status, group.text).toBe(201);
  scimWorld.groupIds.push((JSON.parse(group.text) as { id: string }).id);
}, 120_000);

afterAll(async () => {
  await new Promise((resolve) => leanServer?.close(resolve));
  const lines = [...sent].map(([what, statuses]) => `  ${what}: ${JSON.stringify(statuses)}`);
  const total = [...sent.values()].flatMap((s) => Object.values(s)).reduce((a, b) => a + b, 0);
  console.log(`fuzz-api-http: ${total} requests (answers by status)\n${lines.join("\n")}`);
});

// ───────────── Sending ─────────────

type Sent = { method: string; target: string; headers: Record<string, string>; body: string | null };

/** /api/v1 through Next's route handler, as Next would call it (a Request, the export for the method). */
async function viaNextRoute(req: Sent): Promise<Answer> {
  const handler = (apiRoute as unknown as Record<string, (r: Request) => Promise<Response>>)[req.method];
  const withBody = req.body !== null && req.method !== "GET" && req.method !== "HEAD";
  const res = await handler!(
    new Request(`http://seatdesk.test${req.target}`, {
      method: req.method,
      headers: { host: "seatdesk.test", ...req.headers },
      body: withBody ? req.body : undefined,
    }),
  );
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
}

/** /api/v1 through the custom server's lean path over real HTTP: the target is sent as is, not normalised. */
function viaLeanServer(req: Sent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        ...leanBase,
        method: req.method,
        path: req.target,
        // A body always with its length, as a client sends it (Node sends a DELETE's without one, unframed).
        headers: {
          host: "seatdesk.test",
          ...req.headers,
          ...(req.body === null ? {} : { "content-length": String(Buffer.byteLength(req.body)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            text: Buffer.concat(chunks).toString("utf8"),
          }),
        );
        res.on("error", reject);
      },
    );
    r.on("error", reject);
    r.end(req.body ?? undefined);
  });
}

/** A SCIM request through the app's route handler; `segments` as Next decodes them from the path. */
async function scim(
  method: string,
  segments: string[],
  query: string,
  options: {
    authorization?: string | null;
    body?: string | null;
    contentType?: string | null;
    extraHeaders?: Record<string, string>;
  } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { host: "desk.test", ...options.extraHeaders };
  if (options.authorization) headers.authorization = options.authorization;
  if (options.contentType !== null) headers["content-type"] = options.contentType ?? "application/scim+json";
  const withBody = options.body != null && method !== "GET" && method !== "HEAD";
  const req = new Request(`http://desk.test/api/scim/v2/${segments.map(encode).join("/")}${query}`, {
    method,
    headers,
    body: withBody ? options.body : undefined,
  });
  const handler = (scimRoute as unknown as Record<string, typeof scimRoute.GET>)[method]!;
  const res = await handler(req, { params: Promise.resolve({ path: segments }) });
  return { status: res.status, contentType: res.headers.get("content-type") ?? "", text: await res.text() };
}

// ───────────── What every answer must be ─────────────

function expectApiAnswer(answer: Answer, what: string): void {
  if (answer.status >= 500 || answer.status < 200)
    throw new Error(`${what}: HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
  expect(answer.text, what).not.toMatch(LEAK);
  if (answer.status === 204 || answer.text === "") return;
  expect(answer.contentType, what).toMatch(/^application\/json/);
  const body = JSON.parse(answer.text) as { code?: unknown; message?: unknown; stack?: unknown };
  if (answer.status >= 400) {
    // A stable code: one of tRPC's, the one its status stands for.
    expect(TRPC_ERROR_CODE_HTTP_STATUS[body.code as keyof typeof TRPC_ERROR_CODE_HTTP_STATUS], what).toBe(
      answer.status,
    );
    expect(typeof body.message === "string" && body.message.length > 0, `${what}: a message`).toBe(true);
    expect(JSON.stringify(body), what).not.toMatch(/"stack"/);
  }
}

/** RFC 7644 §3.12's scimType values. */
const SCIM_TYPES = [
  "invalidFilter",
  "tooMany",
  "uniqueness",
  "mutability",
  "invalidSyntax",
  "invalidPath",
  "noTarget",
  "invalidValue",
  "invalidVers",
  "sensitive",
];

/**
 * `notImplemented`: the one 5xx SCIM promises, 501 for /Bulk (RFC 7644 §3.12: an operation the service
 * provider does not support; ServiceProviderConfig says bulk is not supported).
 */
function expectScimAnswer(answer: Answer, what: string, notImplemented = false): void {
  if (notImplemented && answer.status === 501)
    return expect(JSON.parse(answer.text), what).toMatchObject({ status: "501" });
  if (answer.status >= 500 || answer.status < 200)
    throw new Error(`${what}: HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
  expect(answer.text, what).not.toMatch(LEAK);
  if (answer.text === "") {
    expect(answer.status, `${what}: only a 2xx may have no body`).toBeLessThan(300);
    return;
  }
  expect(answer.contentType, what).toMatch(/^application\/scim\+json/);
  const body = JSON.parse(answer.text) as { schemas?: unknown; status?: unknown; detail?: unknown; scimType?: unknown };
  if (answer.status >= 400) {
    expect(body.schemas, what).toContain(ERROR_SCHEMA);
    expect(body.status, what).toBe(String(answer.status));
    if (body.scimType !== undefined) expect(SCIM_TYPES, what).toContain(body.scimType);
    expect(typeof body.detail === "string" && body.detail.length > 0, `${what}: a detail`).toBe(true);
  }
}

/** A fingerprint of what a write could change, per table: a write answered 4xx must leave it as it was. */
const fingerprint = async (tables: Record<string, string>) =>
  (
    await db.$queryRaw<Record<string, string>[]>(
      Prisma.sql([
        `select ${Object.entries(tables)
          .map(([name, sql]) => `md5(coalesce((${sql})::text, '')) as "${name}"`)
          .join(", ")}`,
      ]),
    )
  )[0]!;

const apiDigest = () =>
  fingerprint({
    Ticket: `select string_agg(t::text, ',' order by t.id) from "Ticket" t`,
    TicketComment: `select string_agg(c::text, ',' order by c.id) from "TicketComment" c`,
    TicketHistory: `select count(*) from "TicketHistory"`,
    ApiAction: `select count(*) from "ApiAction" where outcome = 'DONE'`,
    ApiIdempotencyKey: `select count(*) from "ApiIdempotencyKey"`,
    AdminAuditEvent: `select count(*) from "AdminAuditEvent"`,
  });

const scimDigest = () =>
  fingerprint({
    User: `select string_agg(u::text, ',' order by u.id) from "User" u`,
    UserIdentity: `select string_agg(i::text, ',' order by i."userId") from "UserIdentity" i`,
    ScimGroup: `select string_agg(g::text, ',' order by g.id) from "ScimGroup" g`,
    ScimGroupMember: `select string_agg(m::text, ',' order by m."groupId", m."userId") from "ScimGroupMember" m`,
    SeatEvent: `select count(*) from "SeatEvent"`,
    AuthSession: `select count(*) from "AuthSession"`,
  });

/** The request id in actions, audit and seat history is the server's: never what the caller sent. */
async function expectNoCallerRequestId(sent: string | undefined, what: string): Promise<void> {
  if (sent === undefined) return;
  const [row] = await db.$queryRaw<{ n: number }[]>`
    select ((select count(*) from "ApiAction" where "requestId" = ${sent})
      + (select count(*) from "AdminAuditEvent" where "requestId" = ${sent})
      + (select count(*) from "SeatEvent" where "requestId" = ${sent}))::int as n`;
  expect(row!.n, `${what}: the caller's x-request-id was stored`).toBe(0);
}

const describeRequest = (r: Sent) =>
  `${r.method} ${r.target} ${JSON.stringify(r.headers).slice(0, 400)} body ${JSON.stringify(r.body?.slice(0, 300))}`;

// ───────────── /api/v1 ─────────────

type Parameter = { in: "path" | "query" | "header"; name: string; schema?: JsonSchema };
type Operation = { method: string; path: string; parameters: Parameter[]; body: JsonSchema | null };
type DocumentOperation = {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
};

const operations: Operation[] = Object.entries(
  (openApiDocument() as unknown as { paths: Record<string, Record<string, DocumentOperation>> }).paths,
).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    parameters: op.parameters ?? [],
    body: op.requestBody?.content?.["application/json"]?.schema ?? null,
  })),
);

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** A query value as a client writes it: text as is, anything else as JSON. */
const asQueryText = (v: unknown) =>
  typeof v === "string" ? v : ["number", "bigint", "boolean"].includes(typeof v) ? String(v) : toJson(v);

/** The documented query parameters (a subset, each once or twice) with values of `hostileWeight` out of 10. */
function queryArb(parameters: Parameter[], hostileWeight: number): fc.Arbitrary<string> {
  const documented = parameters
    .filter((p) => p.in === "query")
    .map((p) => {
      const value = fromJsonSchema(p.schema ?? {}, world.known, hostileWeight).map(asQueryText);
      const values = hostileWeight
        ? fc.array(fc.oneof(value, hostileText), { minLength: 1, maxLength: 2 })
        : value.map((v) => [v]);
      return values.map((vs) => vs.map((v) => `${p.name}=${encode(v)}`));
    });
  const extra = hostileWeight
    ? fc.tuple(
        fc.array(
          fc.tuple(hostileText, hostileText).map(([k, v]) => `${encode(k)}=${encode(v)}`),
          { maxLength: 2 },
        ),
        fc.option(
          fc.constantFrom("%", "&&", "=", "a=%E0%A4%A", "limit", "limit=", "%00=%00", "days=1e400", "x=%ED%A0%80"),
        ),
      )
    : fc.constant([[], null] as [string[], string | null]);
  return fc
    .tuple(
      fc.subarray(documented).chain((chosen) => fc.tuple(...chosen)),
      extra,
    )
    .map(([pairs, [more, raw]]) => {
      const parts = [...pairs.flat(), ...more, ...(raw ? [raw] : [])];
      return parts.length ? `?${parts.join("&")}` : "";
    });
}

/** The operation's path with its parameters: tickets that exist (valid), or hostile segments. */
function pathArb(path: string, hostile: boolean): fc.Arbitrary<string> {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const value = hostile
    ? fc.oneof(rawSegment, hostileText.map(encode), fc.constantFrom(...world.known.ids, ...world.known.refs))
    : fc.constantFrom(...api.ticketIds, ...api.ticketRefs);
  return fc
    .tuple(...names.map(() => value))
    .map((values) => names.reduce((p, name, i) => p.replace(`{${name}}`, values[i]!), path));
}

function bodyArb(op: Operation, hostile: boolean): fc.Arbitrary<string | null> {
  if (!hostile) return op.body ? fromJsonSchema(op.body, world.known, 0).map(toJson) : fc.constantFrom("{}", null);
  const oversize = JSON.stringify({ title: "x".repeat(apiBodyMaxBytes() + 10) });
  return fc.oneof(
    { weight: 4, arbitrary: op.body ? fromJsonSchema(op.body, world.known, 3).map(toJson) : hostileValue.map(toJson) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          op.body ? fromJsonSchema(op.body, world.known, 0) : fc.constant({}),
          fc.dictionary(fc.oneof(hostileText, fc.constantFrom("id", "requesterId", "status")), hostileValue, {
            minKeys: 1,
            maxKeys: 2,
          }),
        )
        .map(([valid, unknown]) => toJson({ ...(valid as object), ...unknown })),
    },
    { weight: 2, arbitrary: hostileValue.map(toJson) },
    { weight: 3, arbitrary: hostileJsonText },
    { weight: 1, arbitrary: fc.constantFrom(null, "", oversize) },
  );
}

/** Each part of a request, valid or hostile; a request takes the hostile version of a few parts. */
type Parts = {
  method: string;
  path: string;
  query: string;
  body: string | null;
  authorization: string | null;
  onBehalfOf: string | null;
  idempotencyKey: string | null;
  contentType: string | null;
  extraHeaders: Record<string, string>;
};
const PARTS: (keyof Parts)[] = [
  "method",
  "path",
  "query",
  "body",
  "authorization",
  "onBehalfOf",
  "idempotencyKey",
  "contentType",
  "extraHeaders",
];

function validParts(op: Operation): fc.Arbitrary<Parts> {
  return fc.record({
    method: fc.constant(op.method),
    path: pathArb(op.path, false),
    query: queryArb(op.parameters, 0),
    body: bodyArb(op, false),
    authorization: fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...api.full) },
      { weight: 1, arbitrary: fc.constantFrom(...api.narrow) },
    ),
    onBehalfOf: fc.constantFrom(...api.people),
    idempotencyKey: fc.option(fc.uuid(), { freq: 2 }),
    contentType: fc.constantFrom("application/json", "application/json; charset=utf-8"),
    extraHeaders: fc.constant({}),
  });
}

function hostileParts(op: Operation): fc.Arbitrary<Parts> {
  return fc.record({
    method: fc.constantFrom(...METHODS),
    path: pathArb(op.path, true),
    query: queryArb(op.parameters, 3),
    body: bodyArb(op, true),
    authorization: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...api.refused) },
      { weight: 1, arbitrary: fc.constantFrom(...api.narrow) },
      { weight: 1, arbitrary: hostileHeaderValue },
      { weight: 1, arbitrary: hostileHeaderValue.map((v) => `Bearer ${v}`) },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    onBehalfOf: fc.oneof(
      { weight: 2, arbitrary: fc.constantFrom(...api.others) },
      { weight: 2, arbitrary: hostileHeaderValue },
      { weight: 1, arbitrary: fc.constant(null) },
    ),
    idempotencyKey: fc.oneof(fc.constantFrom("fuzz-key-1", "fuzz-key-2"), hostileHeaderValue),
    contentType: fc.oneof(
      fc.constantFrom(
        null,
        "text/plain",
        "application/json; charset=utf-16",
        "application/jsonp",
        "APPLICATION/JSON",
        "multipart/form-data; boundary=x",
        "application/x-www-form-urlencoded",
      ),
      hostileHeaderValue,
    ),
    extraHeaders: fc
      .record(
        {
          origin: fc.oneof(fc.constantFrom("https://evil.test", "http://seatdesk.test", "null"), hostileHeaderValue),
          "x-request-id": hostileHeaderValue,
          "x-forwarded-for": hostileHeaderValue,
          "x-forwarded-host": hostileHeaderValue,
        },
        { requiredKeys: [] },
      )
      .map((h) => h as Record<string, string>),
  });
}

/** Which parts are hostile: none (the request should reach the procedure), one, or several. */
function hostileMask<K extends string>(parts: readonly K[]): fc.Arbitrary<K[]> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant<K[]>([]) },
    { weight: 6, arbitrary: fc.constantFrom(...parts).map((p) => [p]) },
    { weight: 2, arbitrary: fc.subarray([...parts]) },
  );
}

type ApiSent = Sent & { via: "next" | "lean" };

function requestArb(op: Operation): fc.Arbitrary<ApiSent> {
  return fc
    .record({
      via: fc.constantFrom("next" as const, "lean" as const),
      hostile: hostileMask(PARTS),
      valid: validParts(op),
      bad: hostileParts(op),
    })
    .map(({ via, hostile, valid, bad }) => {
      const p = Object.fromEntries(PARTS.map((k) => [k, hostile.includes(k) ? bad[k] : valid[k]])) as Parts;
      const headers: Record<string, string> = { ...p.extraHeaders };
      if (p.authorization !== null) headers.authorization = p.authorization;
      if (p.onBehalfOf !== null) headers["on-behalf-of"] = p.onBehalfOf;
      if (p.idempotencyKey !== null) headers["idempotency-key"] = p.idempotencyKey;
      if (p.contentType !== null) headers["content-type"] = p.contentType;
      return { via, method: p.method, target: `/api/v1${p.path}${p.query}`, headers, body: p.body };
    });
}

let apiRequests = 0;
/** Every so often the requester's last two tickets are resolved again, so confirming and reopening reach deep. */
async function refreshTickets(): Promise<void> {
  if (apiRequests++ % 25 !== 0) return;
  await db.ticket.updateMany({
    where: { id: { in: api.ticketIds.slice(2) } },
    data: { status: "RESOLVED", resolvedAt: new Date() },
  });
}

async function sendApi(req: ApiSent, what: string): Promise<void> {
  await refreshTickets();
  const write = WRITE_METHODS.has(req.method);
  const before = write ? await apiDigest() : null;
  const answer = req.via === "next" ? await viaNextRoute(req) : await viaLeanServer(req);
  count(what, answer.status);
  const described = `${req.via}: ${describeRequest(req)} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expectApiAnswer(answer, described);
  // A refused token is 401 before anything else is looked at (only a too large body or a cross-site write come first).
  const refusedToken = api.refused.includes(req.headers.authorization ?? "");
  if (refusedToken && !req.headers.origin && (req.body?.length ?? 0) <= apiBodyMaxBytes())
    expect(answer.status, described).toBe(401);
  if (write && answer.status >= 400)
    expect(await apiDigest(), `${described}: a refused write changed data`).toEqual(before);
  if (write && answer.status < 300) await expectNoCallerRequestId(req.headers["x-request-id"], described);
}

describe("fuzz /api/v1 over HTTP: every documented operation, hostile requests, never a 5xx", () => {
  const perOperationMs = Math.floor((FUZZ_MS * 0.6) / (operations.length + 1));

  it("the OpenAPI document has operations to fuzz", () => {
    expect(operations.length).toBeGreaterThanOrEqual(8);
  });

  it.each(operations.map((op) => [`${op.method} ${op.path}`, op] as const))(
    "%s",
    async (name, op) => {
      await assertWithin(perOperationMs, requestArb(op), (req) => sendApi(req, name));
    },
    TIMEOUT,
  );

  it(
    "paths and methods that are no operation",
    async () => {
      const segment = fc.oneof(
        rawSegment,
        fc.constantFrom("tickets", "knowledge", "reports", "adminUsers", "ping"),
        // Sent as is on the lean path (Node passes them on; WHATWG URL parsing resolves some of them).
        fc.constantFrom("\\..\\trpc", "..%2F..%2Ftrpc", "", ";a=b", "%5C", "%2F", "~", "tickets;x", "TICKETS"),
      );
      await assertWithin(
        perOperationMs,
        fc.record({
          via: fc.constantFrom("next" as const, "lean" as const),
          method: fc.constantFrom(...METHODS, "HEAD", "OPTIONS"),
          target: fc.array(segment, { maxLength: 4 }).map((segments) => `/api/v1/${segments.join("/")}`),
          headers: fc.record({ authorization: fc.constantFrom(...api.full), "content-type": hostileHeaderValue }),
          body: fc.oneof(fc.constant(null), hostileValue.map(toJson), hostileJsonText),
        }),
        // Next's route exports the five methods; the others go to the lean path (Next answers them itself).
        (req) => sendApi(METHODS.includes(req.method) ? req : { ...req, via: "lean" }, "unknown paths"),
      );
    },
    TIMEOUT,
  );
});

// ───────────── /api/scim/v2 ─────────────

/** One of the ids in the pool at the time of the request (the pool grows as the fuzz creates resources). */
const anyOf = (pool: string[]) => fc.nat().map((i) => pool[i % pool.length]!);

/** A leaf: of the right kind, or (hostile) now and then anything at all. */
const leaf = <T>(valid: fc.Arbitrary<T>, hostile: boolean): fc.Arbitrary<unknown> =>
  hostile
    ? fc.oneof(
        { weight: 6, arbitrary: valid },
        { weight: 1, arbitrary: hostileText },
        { weight: 1, arbitrary: hostileValue },
      )
    : valid;

const scimText = (hostile: boolean) =>
  hostile ? fc.oneof(fc.string({ maxLength: 20 }), hostileText) : fc.string({ minLength: 1, maxLength: 20 });
const scimEmail = (hostile: boolean) =>
  hostile
    ? fc.oneof(fc.emailAddress(), hostileText, fc.constantFrom("fuzz1@idp.test", "FUZZ2@IDP.TEST"))
    : fc.emailAddress();
const scimBoolean = (hostile: boolean) =>
  hostile ? fc.constantFrom(true, false, "True", "False", "yes", 1, null) : fc.constantFrom(true, false, "True");

const FILTER_ATTRIBUTES = [
  "userName",
  "externalId",
  "emails.value",
  "emails",
  "displayName",
  "active",
  "members.value",
  "id",
  "name.givenName",
  "meta.lastModified",
  `${ENTERPRISE_SCHEMA}:employeeNumber`,
  `${USER_SCHEMA}:userName`,
  "x",
];
const FILTER_OPERATORS = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ", "and", "not"];

/** SCIM filters (RFC 7644 §3.4.2.2) from the grammar: the supported ones, or with hostile parts. */
const filterArb = (hostile: boolean): fc.Arbitrary<string> => {
  const ids = () => fc.oneof(anyOf(scimWorld.userIds), anyOf(scimWorld.groupIds)).map((id) => JSON.stringify(id));
  const atom = hostile
    ? fc
        .tuple(
          fc.oneof(fc.constantFrom(...FILTER_ATTRIBUTES), hostileText),
          fc.constantFrom(...FILTER_OPERATORS),
          fc.oneof(
            hostileText.map((s) => JSON.stringify(s)),
            fc.constantFrom("true", "false", "null", "1", "-1.5", "99999999999999999999999", "1e400", '"\\u0000"'),
            ids(),
            hostileText,
          ),
        )
        .map(([a, o, v]) => (o === "pr" ? `${a} pr` : `${a} ${o} ${v}`))
    : fc.oneof(
        fc
          .tuple(
            fc.constantFrom("userName", "externalId", "emails.value", "displayName"),
            fc.constantFrom("eq", "co", "sw"),
            fc.oneof(fc.constantFrom("fuzz1@idp.test", "Fuzz", "idp"), fc.string({ maxLength: 8 })),
          )
          .map(([a, o, v]) => `${a} ${o} ${JSON.stringify(v)}`),
        fc.constantFrom("active eq true", "externalId pr", 'emails[value co "idp"]'),
        ids().map((id) => `members.value eq ${id}`),
      );
  return fc.letrec<{ filter: string }>((tie) => ({
    filter: fc.oneof(
      { depthSize: "small" },
      atom,
      fc.tuple(tie("filter"), tie("filter")).map(([a, b]) => `${a} and ${b}`),
      fc.tuple(tie("filter"), tie("filter")).map(([a, b]) => `${a} or ${b}`),
      tie("filter").map((f) => `not (${f})`),
      tie("filter").map((f) => `(${f})`),
      ...(hostile
        ? [
            tie("filter").map((f) => `emails[${f}]`),
            fc.constantFrom(
              "(".repeat(600) + 'userName eq "a"' + ")".repeat(600),
              "not (".repeat(300),
              '"',
              "[",
              "userName eq",
            ),
          ]
        : []),
    ),
  })).filter;
};

const scimUserArb = (hostile: boolean): fc.Arbitrary<Record<string, unknown>> => {
  const text = leaf(scimText(hostile), hostile);
  return fc.record(
    {
      schemas: leaf(
        hostile
          ? fc.constantFrom([USER_SCHEMA], [USER_SCHEMA, ENTERPRISE_SCHEMA], [], ["urn:bogus"])
          : fc.constant([USER_SCHEMA, ENTERPRISE_SCHEMA]),
        hostile,
      ),
      userName: leaf(scimEmail(hostile), hostile),
      name: leaf(fc.record({ givenName: text, familyName: text, formatted: text }, { requiredKeys: [] }), hostile),
      displayName: text,
      externalId: text,
      userType: text,
      title: text,
      active: leaf(scimBoolean(hostile), hostile),
      emails: leaf(
        fc.array(
          fc.record(
            {
              value: leaf(scimEmail(hostile), hostile),
              type: leaf(fc.constantFrom("work", "home"), hostile),
              primary: leaf(scimBoolean(hostile), hostile),
            },
            { requiredKeys: hostile ? [] : ["value"] },
          ),
          { maxLength: 3 },
        ),
        hostile,
      ),
      [ENTERPRISE_SCHEMA]: leaf(
        fc.record(
          {
            employeeNumber: text,
            department: text,
            costCenter: text,
            manager: leaf(fc.record({ value: text }), hostile),
          },
          { requiredKeys: [] },
        ),
        hostile,
      ),
      "urn:example:custom:1.0:User": hostile ? hostileValue : fc.record({ jobCode: text }),
      ...(hostile ? { password: text, id: text, groups: hostileValue, nickName: text, shoeSize: hostileValue } : {}),
    },
    { requiredKeys: hostile ? [] : ["userName"] },
  );
};

const scimMemberArb = (hostile: boolean) =>
  fc.record(
    {
      value: leaf(
        hostile ? fc.oneof(anyOf(scimWorld.userIds), anyOf(world.known.ids)) : anyOf(scimWorld.userIds),
        hostile,
      ),
      display: leaf(scimText(hostile), hostile),
      $ref: leaf(fc.constantFrom(null, "http://desk.test/api/scim/v2/Users/x"), hostile),
    },
    { requiredKeys: hostile ? [] : ["value"] },
  );

const scimGroupArb = (hostile: boolean): fc.Arbitrary<Record<string, unknown>> =>
  fc.record(
    {
      schemas: leaf(
        hostile ? fc.constantFrom([GROUP_SCHEMA], [], [USER_SCHEMA]) : fc.constant([GROUP_SCHEMA]),
        hostile,
      ),
      displayName: leaf(
        fc.oneof(
          scimText(hostile).map((t) => `Fuzz ${t}`),
          fc.constant("Fuzz group"),
        ),
        hostile,
      ),
      externalId: leaf(scimText(hostile), hostile),
      members: leaf(fc.array(scimMemberArb(hostile), { maxLength: 3 }), hostile),
      ...(hostile ? { owner: hostileValue } : {}),
    },
    { requiredKeys: hostile ? [] : ["displayName"] },
  );

const PATCH_PATHS = [
  "active",
  "userName",
  "displayName",
  "name.givenName",
  'emails[type eq "work"].value',
  "emails[primary eq true]",
  "members",
  `${ENTERPRISE_SCHEMA}:department`,
  `${ENTERPRISE_SCHEMA}:manager`,
  `${USER_SCHEMA}:active`,
  "externalId",
];
const HOSTILE_PATCH_PATHS = [
  "emails[",
  "members[value eq]",
  "x.y.z",
  "__proto__",
  "constructor.prototype",
  "urn:",
  "urn:a:b:c:",
  "name.__proto__",
];

const patchArb = (hostile: boolean, resource: "Users" | "Groups"): fc.Arbitrary<Record<string, unknown>> => {
  const path = hostile
    ? fc.oneof(
        fc.constantFrom(...PATCH_PATHS, ...HOSTILE_PATCH_PATHS),
        filterArb(true).map((f) => `members[${f}]`),
        anyOf(scimWorld.userIds).map((id) => `members[value eq "${id}"]`),
        hostileText,
      )
    : resource === "Users"
      ? fc.constantFrom(...PATCH_PATHS.filter((p) => p !== "members"))
      : fc.oneof(
          fc.constantFrom("members", "displayName", "externalId"),
          anyOf(scimWorld.userIds).map((id) => `members[value eq "${id}"]`),
        );
  const value = hostile
    ? fc.oneof(
        scimUserArb(true),
        fc.array(scimMemberArb(true), { maxLength: 2 }),
        scimBoolean(true),
        scimText(true),
        hostileValue,
      )
    : resource === "Users"
      ? fc.oneof(
          scimText(false),
          scimBoolean(false),
          // A replace without a path: the user's attributes, their userName (unique) left as it is.
          scimUserArb(false).map((user) => Object.fromEntries(Object.entries(user).filter(([k]) => k !== "userName"))),
        )
      : fc.oneof(
          fc.array(scimMemberArb(false), { maxLength: 2 }),
          scimText(false).map((t) => `Fuzz ${t}`),
        );
  return fc.record(
    {
      schemas: leaf(
        hostile
          ? fc.constantFrom([PATCH_SCHEMA], [], ["urn:bogus"], [PATCH_SCHEMA, USER_SCHEMA])
          : fc.constant([PATCH_SCHEMA]),
        hostile,
      ),
      Operations: leaf(
        fc.array(
          fc.record(
            {
              op: leaf(
                hostile
                  ? fc.constantFrom("add", "replace", "remove", "Add", "Replace", "Remove", "move")
                  : fc.constantFrom("add", "replace", "Replace", "remove"),
                hostile,
              ),
              path: leaf(path, hostile),
              value,
            },
            { requiredKeys: hostile ? [] : ["op", "value"] },
          ),
          { minLength: hostile ? 0 : 1, maxLength: 4 },
        ),
        hostile,
      ),
    },
    { requiredKeys: hostile ? [] : ["schemas", "Operations"] },
  );
};

const scimNumber = (hostile: boolean) =>
  hostile
    ? fc.oneof(
        fc.integer({ min: -5, max: 300 }).map(String),
        fc.constantFrom(
          "99999999999999999999999",
          "9007199254740993",
          "2147483648",
          "-99999999999999999999",
          "1e3",
          "0x10",
          " 1",
          "",
          "1.5",
        ),
        hostileText,
      )
    : fc.integer({ min: 0, max: 20 }).map(String);

const scimQueryArb = (hostile: boolean): fc.Arbitrary<string> =>
  fc
    .record(
      {
        filter: hostile
          ? fc.oneof({ weight: 4, arbitrary: filterArb(true) }, { weight: 1, arbitrary: hostileText })
          : filterArb(false),
        startIndex: scimNumber(hostile),
        count: scimNumber(hostile),
        excludedAttributes: fc.constantFrom("members", "MEMBERS,emails", ""),
        ...(hostile ? { attributes: hostileText, sortBy: hostileText } : {}),
      },
      { requiredKeys: [] },
    )
    .map((q) => {
      const parts = Object.entries(q).map(([k, v]) => `${k}=${encode(v)}`);
      return parts.length ? `?${parts.join("&")}` : "";
    });

type ScimSent = {
  method: string;
  segments: string[];
  query: string;
  authorization: string | null;
  contentType: string | null;
  body: string | null;
  extraHeaders: Record<string, string>;
};
const SCIM_PARTS: (keyof ScimSent)[] = [
  "method",
  "segments",
  "query",
  "authorization",
  "contentType",
  "body",
  "extraHeaders",
];

function scimPartsArb(resource: "Users" | "Groups" | "other", hostile: boolean): fc.Arbitrary<ScimSent> {
  const pool = resource === "Users" ? scimWorld.userIds : scimWorld.groupIds;
  const id = hostile ? fc.oneof(hostileText, anyOf(world.known.ids), anyOf(pool)) : anyOf(pool);
  const method = hostile
    ? fc.constantFrom("GET", "POST", "PUT", "PATCH", "DELETE")
    : fc.constantFrom("GET", "GET", "GET", "POST", "POST", "PUT", "PATCH", "PATCH", "PATCH", "DELETE");
  const base =
    resource === "other"
      ? fc.constantFrom("ServiceProviderConfig", "Schemas", "ResourceTypes", "Bulk", "Me", "users", "GROUPS")
      : fc.constant(resource);
  return method.chain((m) =>
    fc.record({
      method: fc.constant(m),
      segments:
        resource === "other"
          ? fc.array(fc.oneof(base, fc.constantFrom(USER_SCHEMA, GROUP_SCHEMA, "User", "Group"), hostileText), {
              maxLength: 3,
            })
          : hostile
            ? fc.oneof(
                base.map((b) => [b]),
                fc.tuple(base, id).map((s) => [...s]),
                fc.tuple(base, id, hostileText).map((s) => [...s]),
              )
            : m === "POST"
              ? base.map((b) => [b])
              : m === "GET"
                ? fc.oneof(
                    base.map((b) => [b]),
                    fc.tuple(base, id).map((s) => [...s]),
                  )
                : fc.tuple(base, id).map((s) => [...s]),
      query: m === "GET" ? scimQueryArb(hostile) : hostile ? scimQueryArb(true) : fc.constant(""),
      authorization: hostile
        ? fc.oneof(
            fc.constantFrom(
              `Bearer ${scimWorld.other}`,
              `Bearer ${scimWorld.revoked}`,
              `Bearer ${scimWorld.token.slice(0, -1)}`,
              `Basic ${Buffer.from("a:b").toString("base64")}`,
              "Bearer scim_",
              "Bearer",
              null,
            ),
            hostileHeaderValue,
          )
        : fc.constantFrom(
            `Bearer ${scimWorld.token}`,
            `Bearer Bearer ${scimWorld.token}`,
            ` Bearer ${scimWorld.token} `,
          ),
      contentType: hostile
        ? fc.oneof(fc.constantFrom("application/json", null, "text/plain"), hostileHeaderValue)
        : fc.constant("application/scim+json"),
      // The base URL of meta.location and Location is read from the forwarding headers.
      extraHeaders: hostile
        ? fc
            .record(
              {
                "x-forwarded-host": hostileHeaderValue,
                "x-forwarded-proto": hostileHeaderValue,
                "x-request-id": hostileHeaderValue,
              },
              { requiredKeys: [] },
            )
            .map((h) => h as Record<string, string>)
        : fc.constant({}),
      body: hostile
        ? fc.oneof(
            { weight: 3, arbitrary: (resource === "Groups" ? scimGroupArb(true) : scimUserArb(true)).map(toJson) },
            { weight: 3, arbitrary: patchArb(true, resource === "Groups" ? "Groups" : "Users").map(toJson) },
            { weight: 1, arbitrary: hostileValue.map(toJson) },
            { weight: 2, arbitrary: hostileJsonText },
            { weight: 1, arbitrary: fc.constant(null) },
          )
        : m === "PATCH"
          ? patchArb(false, resource === "Groups" ? "Groups" : "Users").map(toJson)
          : (resource === "Groups" ? scimGroupArb(false) : scimUserArb(false)).map(toJson),
    }),
  );
}

function scimRequestArb(resource: "Users" | "Groups" | "other"): fc.Arbitrary<ScimSent> {
  return fc
    .record({
      hostile: hostileMask(SCIM_PARTS),
      valid: scimPartsArb(resource, false),
      bad: scimPartsArb(resource, true),
    })
    .map(({ hostile, valid, bad }) => {
      // The path goes with the method: a hostile method keeps the valid request's path, and the other way round.
      const pick = <K extends keyof ScimSent>(k: K) => (hostile.includes(k) ? bad[k] : valid[k]);
      return Object.fromEntries(SCIM_PARTS.map((k) => [k, pick(k)])) as ScimSent;
    });
}

describe("fuzz /api/scim/v2 over HTTP: Users, Groups, discovery, hostile requests, never a 5xx", () => {
  const perResourceMs = Math.floor((FUZZ_MS * 0.4) / 3);
  it.each(["Users", "Groups", "other"] as const)(
    "%s",
    async (resource) => {
      await assertWithin(perResourceMs, scimRequestArb(resource), async (req) => {
        const write = req.method !== "GET";
        const before = write ? await scimDigest() : null;
        const answer = await scim(req.method, req.segments, req.query, req);
        count(`SCIM ${resource}`, answer.status);
        const what =
          `${req.method} /api/scim/v2/${JSON.stringify(req.segments)}${req.query} ` +
          `auth ${JSON.stringify(req.authorization?.slice(0, 60))} body ${JSON.stringify(req.body?.slice(0, 400))}` +
          ` → ${answer.status} ${answer.text.slice(0, 300)}`;
        expectScimAnswer(answer, what, req.segments[0] === "Bulk");
        // Without a live connection's token nothing else is looked at.
        const live = [scimWorld.token, scimWorld.other].some((t) => req.authorization?.trim().endsWith(` ${t}`));
        if (!live) expect(answer.status, what).toBe(401);
        if (write && answer.status >= 400)
          expect(await scimDigest(), `${what}: a refused write changed data`).toEqual(before);
        if (write && answer.status < 300) await expectNoCallerRequestId(req.extraHeaders["x-request-id"], what);
        // What the fuzz creates, later requests use (as an identity provider does).
        if (answer.status === 201 && resource !== "other") {
          const pool = resource === "Users" ? scimWorld.userIds : scimWorld.groupIds;
          if (pool.length < 50) pool.push((JSON.parse(answer.text) as { id: string }).id);
        }
      });
    },
    TIMEOUT,
  );
});
