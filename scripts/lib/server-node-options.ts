/**
 * Node options of the app's server process (scripts/serve.ts), for `npm start`, the tests and the
 * benchmarks alike. A request allocates many short-lived objects (the HTTP parse, zod, JSON, the
 * driver's rows), and V8's default young generation (16 MiB semi-spaces on 64-bit) makes the server
 * collect it thousands of times a second under load. 64 MiB semi-spaces cut the app's CPU per API
 * ticket creation by about a tenth in `npm run bench:api`, for at most about 100 MiB more memory
 * while busy (the space grows only as it is used).
 */
export const SERVER_NODE_OPTIONS = "--max-semi-space-size=64";

/** `env` with the server's Node options added to any NODE_OPTIONS it already has. */
export function withServerNodeOptions(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, NODE_OPTIONS: [env.NODE_OPTIONS, SERVER_NODE_OPTIONS].filter(Boolean).join(" ") };
}
