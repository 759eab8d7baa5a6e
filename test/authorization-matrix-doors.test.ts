import { readdirSync } from "node:fs";
import path from "node:path";
import { createElement, isValidElement, type ReactElement } from "react";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createUser, signIn } from "@/test/factories";
import { appRequest, SAME_ORIGIN, serveRoutesFrom, sessionCookie } from "@/test/http";
import type { Db } from "@/server/db/client";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { AREA_ROLES, homeFor, onlyForMessage, ROLES, type Area, type Role } from "@/lib/auth/roles";
import { NotForYou } from "@/components/layout/not-for-you";
import { AUDIENCES, SIGNED_IN, type Audience } from "./authorization";

/*
 * Who may open what, over EVERY route handler (app/**\/route.ts), page (app/**\/page.tsx) and
 * area layout, found on disk at run time: a door added later fails "is classified" until someone
 * says below who may pass it. Procedures have their own matrix (test/authorization-matrix.test.ts).
 * Route handlers and pages find the person through Next's request scope (cookies()), which does
 * not exist here: that one lookup is replaced by the session row, as in the routes' own tests;
 * the door's own checks run unchanged. The adapters that read the cookie themselves (tRPC) are
 * called with the real session cookie.
 */

const current = vi.hoisted(() => ({ session: null as ValidSession | null }));
vi.mock("@/server/auth/current-user", () => ({
  getCurrentSession: async () => current.session,
  getSessionEvenIfEnrolling: async () => current.session,
}));
vi.mock("next/headers", async (original) => ({
  ...(await original<typeof import("next/headers")>()),
  headers: async () => new Headers(),
}));
vi.mock("next/server", async (original) => ({
  ...(await original<typeof import("next/server")>()),
  connection: async () => {},
}));

const APP = path.resolve(import.meta.dirname, "../app");
function filesNamed(name: string): string[] {
  return (
    readdirSync(APP, { recursive: true, withFileTypes: true }) as {
      name: string;
      parentPath: string;
      isFile(): boolean;
    }[]
  )
    .filter((e) => e.isFile() && e.name === name)
    .map((e) => path.relative(APP, path.join(e.parentPath, e.name)))
    .sort();
}
const routeFiles = filesNamed("route.ts");
const pageFiles = filesNamed("page.tsx");

type Handler = (req: Request, segment: { params: Promise<Record<string, unknown>> }) => Promise<Response>;
type RouteRule =
  /** Behind the route door (server/http/route-gate.ts) with these roles. */
  | {
      door: "gate";
      allowed: readonly Audience[];
      method: "GET" | "POST";
      url: string;
      params?: Record<string, unknown>;
    }
  /** Served by its own adapter that reads the session cookie itself. */
  | { door: "cookie"; allowed: readonly Audience[]; method: "GET"; url: string; params?: Record<string, unknown> }
  /** Only with a token of its own (API for programs, SCIM): a browser session never passes. */
  | { door: "token"; allowed: readonly Audience[]; method: "GET"; url: string; params?: Record<string, unknown> }
  /** Open to anyone; holds no one's data. */
  | { door: "public"; allowed: readonly Audience[]; method: "GET"; url: string; params?: Record<string, unknown> };

const EVERYONE = AUDIENCES;
const ROUTES: Record<string, { who: string } & RouteRule> = {
  "api/admin/seat-events/route.ts": {
    who: "administrators (the seat history export)",
    door: "gate",
    allowed: AREA_ROLES.admin,
    method: "GET",
    url: "/api/admin/seat-events",
  },
  "api/reports/usage/route.ts": {
    who: "administrators and report viewers",
    door: "gate",
    allowed: AREA_ROLES.reports,
    method: "GET",
    url: "/api/reports/usage?from=2030-01-01T00:00:00Z&to=2030-01-02T00:00:00Z&scope=named",
  },
  "api/reports/api-use/route.ts": {
    who: "administrators and report viewers",
    door: "gate",
    allowed: AREA_ROLES.reports,
    method: "GET",
    url: "/api/reports/api-use?days=7",
  },
  // Anyone signed in; which files they may see or add is the domain's rule (404 for others).
  "api/attachments/[attachmentId]/route.ts": {
    who: "anyone signed in (the domain decides which files)",
    door: "gate",
    allowed: SIGNED_IN,
    method: "GET",
    url: "/api/attachments/none",
    params: { attachmentId: "none" },
  },
  "api/tickets/[ticketId]/attachments/route.ts": {
    who: "anyone signed in (the domain decides which tickets; the console's uploads need a seat)",
    door: "gate",
    allowed: SIGNED_IN,
    method: "POST",
    url: "/api/tickets/none/attachments",
    params: { ticketId: "none" },
  },
  "api/status/database/route.ts": {
    who: "anyone (tells no more than a 503 would)",
    door: "public",
    allowed: EVERYONE,
    method: "GET",
    url: "/api/status/database",
  },
  // Every procedure's own rule is test/authorization-matrix.test.ts; here, that the adapter reads the session.
  "api/trpc/[trpc]/route.ts": {
    who: "per procedure (me.get: anyone signed in)",
    door: "cookie",
    allowed: SIGNED_IN,
    method: "GET",
    url: "/api/trpc/me.get",
    params: { trpc: "me.get" },
  },
  "api/v1/[...path]/route.ts": {
    who: "programs with an API token, never a browser session",
    door: "token",
    allowed: [],
    method: "GET",
    url: "/api/v1/tickets",
    params: { path: ["tickets"] },
  },
  "api/scim/v2/[[...path]]/route.ts": {
    who: "identity providers with a SCIM token, never a browser session",
    door: "token",
    allowed: [],
    method: "GET",
    url: "/api/scim/v2/Users",
    params: { path: ["Users"] },
  },
  "api/v1/docs/route.ts": {
    who: "anyone (the API's documentation)",
    door: "public",
    allowed: EVERYONE,
    method: "GET",
    url: "/api/v1/docs",
  },
  "api/v1/openapi.json/route.ts": {
    who: "anyone (the OpenAPI document, no data)",
    door: "public",
    allowed: EVERYONE,
    method: "GET",
    url: "/api/v1/openapi.json",
  },
  // next-auth's own endpoints (sign-in, session): open by nature; the session answer is the row's
  // (server/auth/session-answer.ts).
  "api/auth/[...nextauth]/route.ts": {
    who: "anyone (signing in)",
    door: "public",
    allowed: EVERYONE,
    method: "GET",
    url: "/api/auth/session",
    params: { nextauth: ["session"] },
  },
};

/** Pages outside the four areas, each with its own rule; every other page belongs to its area. */
type PageRule = { who: string; expect: (audience: Audience, outcome: Outcome) => void };
type Outcome = { redirect: string | null; notFound: boolean; element: unknown };
const signInFirst = (audience: Audience, outcome: Outcome) =>
  audience === "ANONYMOUS" && expect(outcome.redirect).toMatch(/^\/sign-in/);
const OTHER_PAGES: Record<string, PageRule> = {
  "page.tsx": {
    who: "anyone: sends each to sign-in or their home",
    expect: (audience, outcome) =>
      expect(outcome.redirect).toBe(audience === "ANONYMOUS" ? "/sign-in" : homeFor(audience as Role)),
  },
  "sign-in/page.tsx": {
    who: "anyone: a signed-in person is sent home",
    expect: (audience, outcome) =>
      audience === "ANONYMOUS"
        ? expect(outcome.element).not.toBeNull()
        : expect(outcome.redirect).toBe(homeFor(audience)),
  },
  // The account layout asks for a session; the page holds no data (account.* procedures do the work).
  "account/password/page.tsx": { who: "anyone signed in (the account layout)", expect: () => {} },
  "account/security/page.tsx": {
    who: "anyone signed in, even a session limited to setting up two-step sign-in",
    expect: (audience, outcome) =>
      audience === "ANONYMOUS" ? signInFirst(audience, outcome) : expect(outcome.element).not.toBeNull(),
  },
};

const AREA_FOLDER = /^\((admin|console|portal|reports)\)\/\1\//;
const areaOf = (file: string): Area | null => (AREA_FOLDER.exec(file)?.[1] as Area | undefined) ?? null;

let db: Db;
const sessions = {} as Record<Role, ValidSession>;
const cookies = {} as Record<Role, string>;
beforeAll(async () => {
  ({ db } = await createTestDatabase());
  serveRoutesFrom(db);
  // Agents and administrators without any seat license: no door may depend on holding a seat.
  for (const role of ROLES) {
    sessions[role] = await signIn(db, (await createUser(db, { role })).id);
    cookies[role] = await sessionCookie(sessions[role]);
  }
});

/** What a page or layout did: rendered an element (null for nothing), or redirected, or 404. */
async function outcomeOf(render: () => Promise<unknown> | unknown): Promise<Outcome> {
  try {
    return { redirect: null, notFound: false, element: await render() };
  } catch (error) {
    const digest = String((error as { digest?: unknown }).digest ?? "");
    if (digest.startsWith("NEXT_REDIRECT;")) return { redirect: digest.split(";")[2]!, notFound: false, element: null };
    if (digest.startsWith("NEXT_HTTP_ERROR_FALLBACK;404")) return { redirect: null, notFound: true, element: null };
    throw error;
  }
}

const pageProps = {
  params: Promise.resolve({ id: "none", ref: "none", number: "none" }),
  searchParams: Promise.resolve({}),
};

describe("authorization matrix of the doors other than procedures", () => {
  it("finds the route handlers and pages on disk", () => {
    expect(routeFiles).toEqual(expect.arrayContaining(["api/admin/seat-events/route.ts", "api/trpc/[trpc]/route.ts"]));
    expect(pageFiles).toEqual(expect.arrayContaining(["(admin)/admin/seats/history/page.tsx", "page.tsx"]));
  });

  it.each(routeFiles)("route %s is classified", (file) => {
    if (!ROUTES[file])
      throw new Error(
        `Route handler app/${file} is not in the authorization matrix. Put it behind the route door ` +
          `(server/http/route-gate.ts) and add it to ROUTES in test/authorization-matrix-doors.test.ts, ` +
          `saying who may call it.`,
      );
  });

  it.each(pageFiles)("page %s is classified", (file) => {
    const area = areaOf(file);
    if (!area && !OTHER_PAGES[file])
      throw new Error(
        `Page app/${file} belongs to no area and is not in OTHER_PAGES of ` +
          `test/authorization-matrix-doors.test.ts: say who may open it.`,
      );
  });

  const routeCases = routeFiles.flatMap((file) => AUDIENCES.map((audience) => [file, audience] as const));
  it.each(routeCases)("route %s as %s", async (file, audience) => {
    const rule = ROUTES[file];
    if (!rule) return; // reported by the classification test above
    const handlers = (await import(/* @vite-ignore */ `@/app/${file.replace(/\.ts$/, "")}`)) as Record<string, Handler>;
    const handler = handlers[rule.method]!;
    current.session = audience === "ANONYMOUS" ? null : sessions[audience];
    // The browser's real session cookie too: the adapters that read it must find the person by it.
    const cookie: Record<string, string> = audience === "ANONYMOUS" ? {} : { cookie: cookies[audience] };
    const body = rule.method === "POST" ? new FormData() : null;
    if (body) body.set("file", new File(["hello"], "hello.txt"));
    const res = await handler(
      appRequest(rule.url, { method: rule.method, headers: { ...SAME_ORIGIN, ...cookie }, body }),
      {
        params: Promise.resolve(rule.params ?? {}),
      },
    );
    const text = await res.text();
    const what = `${rule.method} app/${file} is for ${rule.who}; as ${audience}: ${res.status} ${text.slice(0, 200)}`;
    expect(res.status, what).toBeLessThan(500);
    if (rule.allowed.includes(audience)) {
      expect(res.status, what).not.toBe(401);
      if (res.status === 403) expect(text, what).not.toContain(onlyForMessage(rule.allowed as Role[]));
      return;
    }
    expect(res.status, what).toBe(audience === "ANONYMOUS" || rule.door === "token" ? 401 : 403);
    if (rule.door === "gate") {
      const expected =
        audience === "ANONYMOUS" ? /Sign in to continue/ : onlyForMessage(rule.allowed as Role[]).replace(/\./g, "\\.");
      expect(JSON.parse(text), what).toMatchObject({ message: expect.stringMatching(expected) });
    }
  });

  const pageCases = pageFiles.flatMap((file) => AUDIENCES.map((audience) => [file, audience] as const));
  it.each(pageCases)("page %s as %s", async (file, audience) => {
    const area = areaOf(file);
    const other = OTHER_PAGES[file];
    if (!area && !other) return; // reported by the classification test above
    const page = (await import(/* @vite-ignore */ `@/app/${file.replace(/\.tsx$/, "")}`)) as {
      default: (props: typeof pageProps) => unknown;
    };
    current.session = audience === "ANONYMOUS" ? null : sessions[audience];
    const outcome = await outcomeOf(() => page.default(pageProps));
    if (other) return other.expect(audience, outcome);
    const what = `app/${file} is for ${onlyForMessage(AREA_ROLES[area!])}; as ${audience}`;
    if (audience === "ANONYMOUS") return expect(outcome.redirect, what).toMatch(/^\/sign-in\?callbackUrl=/);
    if ((AREA_ROLES[area!] as readonly Role[]).includes(audience)) {
      // Let in: it renders, or says the (made-up) thing it was asked for does not exist.
      expect(outcome.redirect, what).toBeNull();
      if (!outcome.notFound) expect(outcome.element, what).not.toBeNull();
    } else {
      // Refused by the page's own door (requirePageArea) before it reads anything: it renders nothing.
      expect(outcome, what).toEqual({ redirect: null, notFound: false, element: null });
    }
  });

  const areas = Object.keys(AREA_ROLES) as Area[];
  const layoutCases = areas.flatMap((area) => AUDIENCES.map((audience) => [area, audience] as const));
  it.each(layoutCases)("the %s layout as %s", async (area, audience) => {
    const layout = (await import(/* @vite-ignore */ `@/app/(${area})/${area}/layout.tsx`)) as {
      default: (props: { children: ReactElement }) => unknown;
    };
    current.session = audience === "ANONYMOUS" ? null : sessions[audience];
    const outcome = await outcomeOf(() => layout.default({ children: createElement("span") }));
    if (audience === "ANONYMOUS") return expect(outcome.redirect).toMatch(/^\/sign-in\?callbackUrl=/);
    const allowed = (AREA_ROLES[area] as readonly Role[]).includes(audience);
    if (allowed) {
      expect(outcome.redirect).toBeNull();
      expect(isValidElement(outcome.element) && outcome.element.type).not.toBe(NotForYou);
    } else if (area === "portal") {
      expect(outcome.redirect).toBe(homeFor(audience)); // report viewers raise no tickets: off to their reports
    } else {
      expect(isValidElement(outcome.element) && outcome.element.type).toBe(NotForYou);
    }
  });
});
