import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/db";
import { appRequest, SAME_ORIGIN, serveRoutesFrom, sessionCookie } from "@/test/http";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { appRouter } from "@/server/routers/_app";
import { encodeLoosely as encode, hostileText, hostileValue, LEAK, rawSegment, toJson } from "./fuzz/arbitraries";
import { AUDIENCES, buildFuzzWorld, type Audience, type FuzzWorld } from "./fuzz/setup";

/*
 * Nothing a client can send yields a 500, over HTTP (issue 11, item 5): generated requests to the
 * route handlers (/api/trpc with hostile paths, query inputs and bodies, superjson's typed
 * values included; the attachment download and upload; the CSV exports), as every role. Every
 * answer is 2xx-4xx and its body shows no stack or database text. Route handlers other than
 * /api/trpc find the person through Next's request scope (cookies()), which does not exist here:
 * that one lookup is replaced by the session row, as in the routes' own tests.
 *
 * FUZZ_RUNS requests per route when set (the full run), else a share of FUZZ_BUDGET_SECONDS.
 */
const current = vi.hoisted(() => ({ session: null as ValidSession | null }));
vi.mock("@/server/auth/current-user", () => ({ getCurrentSession: async () => current.session }));

const trpcRoute = await import("@/app/api/trpc/[trpc]/route");
const download = await import("@/app/api/attachments/[attachmentId]/route");
const upload = await import("@/app/api/tickets/[ticketId]/attachments/route");
const seatEvents = await import("@/app/api/admin/seat-events/route");
const usage = await import("@/app/api/reports/usage/route");

const FULL_RUNS = Number(process.env.FUZZ_RUNS) || 0;
const BUDGET_MS = (Number(process.env.FUZZ_BUDGET_SECONDS) || 60) * 1000;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
/** This file's share of the budget, split over its routes (the procedures take the rest). */
const PER_ROUTE_MS = Math.max(1000, Math.floor(BUDGET_MS / 6 / 5));

let db: Db;
let world: FuzzWorld;
const cookies = {} as Record<Audience, string>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  serveRoutesFrom(db);
  world = await buildFuzzWorld(db);
  for (const audience of AUDIENCES) {
    const session = world.sessions[audience];
    cookies[audience] = session ? await sessionCookie(session) : "";
  }
});

async function expectClientAnswer(res: Response, what: string) {
  const body = await res.text();
  if (res.status >= 500) throw new Error(`${what}: HTTP ${res.status}: ${body.slice(0, 500)}`);
  expect(body, what).not.toMatch(LEAK);
}

const options = () => ({
  numRuns: FULL_RUNS || 1000,
  seed: SEED,
  ...(FULL_RUNS ? {} : { interruptAfterTimeLimit: PER_ROUTE_MS, markInterruptAsFailure: false }),
});
const TIMEOUT = FULL_RUNS ? 30 * 60_000 : 60_000;

const audience = fc.constantFrom(...AUDIENCES);
const procedurePaths = Object.keys(appRouter._def.procedures);
const superjsonBody = fc.oneof(
  hostileValue.map((json) => ({ json })),
  fc.record({
    json: hostileValue,
    meta: fc.record({
      values: fc.oneof(
        fc.constantFrom(["bigint"], ["Date"], ["map"], ["set"], ["undefined"], ["number"], ["regexp"], ["Error"]),
        fc.dictionary(fc.string({ maxLength: 10 }), fc.constantFrom(["bigint"], ["Date"], ["custom", "x"], [])),
        hostileValue,
      ),
    }),
  }),
  hostileValue,
);

describe("fuzz over HTTP: route handlers never answer 5xx", () => {
  it(
    "/api/trpc: hostile procedure paths, batches, query inputs and bodies",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          audience,
          fc.array(fc.oneof(fc.constantFrom(...procedurePaths), rawSegment), { minLength: 1, maxLength: 4 }),
          fc.boolean(),
          fc.constantFrom("GET", "POST"),
          fc.oneof(superjsonBody.map(toJson), hostileText),
          async (who, paths, batch, method, payload) => {
            const query = method === "GET" ? `input=${encode(payload)}` : "";
            const url = `/api/trpc/${paths.join(",")}?${batch ? "batch=1&" : ""}${query}`;
            const req = appRequest(url, {
              method,
              headers: { cookie: cookies[who], ...SAME_ORIGIN, "content-type": "application/json" },
              body: method === "POST" ? payload : null,
            });
            const handler = method === "GET" ? trpcRoute.GET : trpcRoute.POST;
            await expectClientAnswer(await handler(req), `${method} ${url} as ${who}`);
          },
        ),
        options(),
      );
    },
    TIMEOUT,
  );

  it(
    "GET /api/attachments/{id}: hostile ids",
    async () => {
      await fc.assert(
        fc.asyncProperty(audience, fc.oneof(hostileText, fc.constantFrom(...world.known.ids)), async (who, id) => {
          current.session = world.sessions[who];
          const res = await download.GET(appRequest(`/api/attachments/x`), {
            params: Promise.resolve({ attachmentId: id }),
          });
          await expectClientAnswer(res, `download ${JSON.stringify(id)} as ${who}`);
        }),
        options(),
      );
    },
    TIMEOUT,
  );

  it(
    "POST /api/tickets/{id}/attachments: hostile ids, fields, files and bodies",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          audience,
          fc.oneof(hostileText, fc.constantFrom(...world.known.ids)),
          fc.record({
            via: fc.oneof(fc.constantFrom("portal", "console"), hostileText),
            commentId: fc.option(fc.oneof(hostileText, fc.constantFrom(...world.known.ids))),
            fileName: fc.oneof(fc.constantFrom("notes.txt", "report.pdf", "x.exe", "a.png"), hostileText),
            content: fc.oneof(fc.constantFrom("hello\n", "%PDF-1.4\n", "\u0000\u0001"), hostileText),
            multipart: fc.boolean(),
          }),
          async (who, ticketId, f) => {
            current.session = world.sessions[who];
            let body: BodyInit;
            const headers: Record<string, string> = { ...SAME_ORIGIN };
            if (f.multipart) {
              const form = new FormData();
              form.set("via", f.via);
              if (f.commentId !== null) form.set("commentId", f.commentId);
              form.set("file", new File([f.content], f.fileName));
              body = form;
            } else {
              body = f.content;
              headers["content-type"] = "multipart/form-data; boundary=broken";
            }
            const req = new Request(`http://desk.test/api/tickets/x/attachments`, { method: "POST", headers, body });
            const res = await upload.POST(req, { params: Promise.resolve({ ticketId }) });
            await expectClientAnswer(res, `upload to ${JSON.stringify(ticketId)} as ${who}`);
          },
        ),
        options(),
      );
    },
    TIMEOUT,
  );

  const queryOf = (params: Record<string, string | null>) =>
    Object.entries(params)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}=${encode(v!)}`)
      .join("&");

  it(
    "GET /api/admin/seat-events: hostile filters",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          audience,
          fc.record({
            poolId: fc.option(fc.oneof(hostileText, fc.constantFrom(...world.known.ids))),
            userQuery: fc.option(hostileText),
            from: fc.option(
              fc.oneof(
                hostileText,
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              ),
            ),
            to: fc.option(
              fc.oneof(
                hostileText,
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              ),
            ),
            types: fc.option(fc.oneof(hostileText, fc.constantFrom("GRANTED,REFUSED", "GRANTED,,", ","))),
          }),
          async (who, params) => {
            current.session = world.sessions[who];
            const res = await seatEvents.GET(new Request(`http://desk.test/api/admin/seat-events?${queryOf(params)}`));
            await expectClientAnswer(res, `seat-events ${JSON.stringify(params)} as ${who}`);
          },
        ),
        options(),
      );
    },
    TIMEOUT,
  );

  it(
    "GET /api/reports/usage: hostile periods, scopes and sections",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          audience,
          fc.record({
            from: fc.option(
              fc.oneof(
                hostileText,
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              ),
            ),
            to: fc.option(
              fc.oneof(
                hostileText,
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
              ),
            ),
            scope: fc.option(
              fc.oneof(fc.constantFrom("all", "named"), hostileText, fc.constantFrom(...world.known.ids)),
            ),
            section: fc.option(
              fc.oneof(fc.constantFrom("daily", "hourly", "heatmap", "refusals", "agents", "scopes"), hostileText),
            ),
          }),
          async (who, params) => {
            current.session = world.sessions[who];
            const res = await usage.GET(new Request(`http://desk.test/api/reports/usage?${queryOf(params)}`));
            await expectClientAnswer(res, `usage ${JSON.stringify(params)} as ${who}`);
          },
        ),
        options(),
      );
    },
    TIMEOUT,
  );
});

describe("the inputs that answered 500 before (issue 11, item 5)", () => {
  const asAdmin = () => (current.session = world.sessions.ADMIN);

  it("a NUL character in the seat history's person search or an impossible date: 400, not 500", async () => {
    asAdmin();
    for (const query of ["userQuery=%00", "userQuery=a%00b", "from=%2B275760-09-13T00%3A00%3A00.000Z", "poolId=%00"]) {
      const res = await seatEvents.GET(new Request(`http://desk.test/api/admin/seat-events?${query}`));
      expect(res.status, query).toBe(400);
      await res.text();
    }
  });

  it("a NUL or a broken Unicode sequence in an attachment's or a ticket's id: 404, not 500", async () => {
    current.session = world.sessions.END_USER;
    for (const id of ["a\u0000b", "\uD800"]) {
      const res = await download.GET(appRequest("/api/attachments/x"), {
        params: Promise.resolve({ attachmentId: id }),
      });
      expect(res.status).toBe(404);
      const form = new FormData();
      form.set("file", new File(["hello"], "notes.txt"));
      const up = await upload.POST(
        new Request("http://desk.test/api/tickets/x/attachments", { method: "POST", body: form }),
        {
          params: Promise.resolve({ ticketId: id }),
        },
      );
      expect(up.status).toBe(404);
    }
  });

  for (const [name, path, input] of [
    ["a NUL in a queue search", "consoleTickets.queue", { search: "printer\u0000" }],
    ["a NUL in a ticket reference", "portalTickets.get", { ref: "INC-000001\u0000" }],
    ["a NUL in a console ticket reference", "consoleTickets.get", { ref: "INC-000001\u0000" }],
    ["a forged queue cursor", "consoleTickets.queue", { cursor: "+275760-09-13T00:00:00.000Z_abc" }],
    ["a forged queue cursor from before time", "consoleTickets.queue", { cursor: "-000001-01-01T00:00:00.000Z_x" }],
    ["a forged article cursor", "portalKnowledge.list", { cursor: "-271821-04-20T00:00:00.000Z_x" }],
    ["a broken Unicode sequence in a title", "portalTickets.create", { type: "INCIDENT", title: "Printer \uD800 jam" }],
  ] as const) {
    it(`${name}: 400 with a readable message over HTTP`, async () => {
      const headers = { cookie: cookies.AGENT, ...SAME_ORIGIN, "content-type": "application/json" };
      const envelope = JSON.stringify({ json: input });
      const res = path.endsWith(".create")
        ? await trpcRoute.POST(appRequest(`/api/trpc/${path}`, { method: "POST", headers, body: envelope }))
        : await trpcRoute.GET(appRequest(`/api/trpc/${path}?input=${encode(envelope)}`, { headers }));
      const body = (await res.json()) as { error: { json: { message: string } } };
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(body.error.json.message).not.toMatch(LEAK);
    });
  }
});
