import { cookieHeader, cookiesFrom, httpRequest } from "./http-client";

/*
 * An agent signed in through the API, as e2e/support/auth.ts does it: the csrf token, then the
 * credentials callback with the app's Origin. The session cookie is kept per agent and sent with
 * every tRPC call.
 */

export type SignedInAgent = { userId: string; email: string; baseUrl: string; cookie: string };

export class TrpcCallError extends Error {
  constructor(
    readonly path: string,
    readonly status: number,
    message: string,
  ) {
    super(`${path}: HTTP ${status}: ${message}`);
  }
}

export type Csrf = { token: string; cookie: string };

/** next-auth's double-submit csrf token and its cookie; one pair serves any number of sign-ins. */
export async function fetchCsrf(baseUrl: string): Promise<Csrf> {
  const res = await httpRequest(new URL("/api/auth/csrf", baseUrl), { method: "GET" });
  if (res.status !== 200) throw new Error(`GET /api/auth/csrf answered ${res.status}`);
  return {
    token: (JSON.parse(res.body) as { csrfToken: string }).csrfToken,
    cookie: cookieHeader(cookiesFrom(res.headers)),
  };
}

export async function signInAgent(
  baseUrl: string,
  agent: { userId: string; email: string },
  password: string,
  csrf?: Csrf,
): Promise<SignedInAgent> {
  const { token, cookie } = csrf ?? (await fetchCsrf(baseUrl));
  const form = new URLSearchParams({ email: agent.email, password, csrfToken: token, json: "true" }).toString();
  const res = await httpRequest(new URL("/api/auth/callback/credentials", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: baseUrl },
    body: form,
  });
  const session = [...cookiesFrom(res.headers)].find(([name]) => name.endsWith("next-auth.session-token"));
  if (res.status !== 200 || !session)
    throw new Error(`Sign-in of ${agent.email} failed: HTTP ${res.status} ${res.body.slice(0, 200)}`);
  return { ...agent, baseUrl, cookie: `${session[0]}=${session[1]}` };
}

/** A tRPC mutation, its input in superjson's envelope (`{"json":null}` for none), as the browser's client sends it. */
export async function trpcMutation<T>(agent: SignedInAgent, path: string, input: unknown = null): Promise<T> {
  const res = await httpRequest(new URL(`/api/trpc/${path}`, agent.baseUrl), {
    method: "POST",
    headers: { "content-type": "application/json", cookie: agent.cookie, origin: agent.baseUrl },
    body: JSON.stringify({ json: input }),
  });
  return trpcResult<T>(path, res);
}

/** The data of a tRPC answer (superjson envelope), or a TrpcCallError with the server's message. */
export function trpcResult<T>(path: string, res: { status: number; body: string }): T {
  let parsed: { result?: { data?: { json?: T } }; error?: { json?: { message?: string } } };
  try {
    parsed = JSON.parse(res.body);
  } catch {
    throw new TrpcCallError(path, res.status, res.body.slice(0, 200));
  }
  if (res.status !== 200 || !parsed.result?.data)
    throw new TrpcCallError(path, res.status, parsed.error?.json?.message ?? res.body.slice(0, 200));
  return parsed.result.data.json as T;
}

export const checkoutOverHttp = (agent: SignedInAgent) => trpcMutation<{ status: string }>(agent, "seat.checkout");
export const releaseOverHttp = (agent: SignedInAgent) => trpcMutation<{ released: boolean }>(agent, "seat.release");
/** A console tab's heartbeat: presence, and activity when `active`. */
export const heartbeatOverHttp = (agent: SignedInAgent, active = true) =>
  trpcMutation<unknown>(agent, "seat.heartbeat", { active });

/** Signs many agents in, a few at a time, with one csrf token. */
export async function signInAll(
  baseUrl: string,
  agents: { userId: string; email: string }[],
  password: string,
  parallel = 8,
): Promise<SignedInAgent[]> {
  const csrf = await fetchCsrf(baseUrl);
  const out: SignedInAgent[] = new Array(agents.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < agents.length) {
        const i = next++;
        out[i] = await signInAgent(baseUrl, agents[i]!, password, csrf);
      }
    }),
  );
  return out;
}
