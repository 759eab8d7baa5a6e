import Module from "node:module";

/*
 * "server-only" throws when imported outside Next's server bundles. The app's own server
 * (scripts/serve.ts) and the benchmarks run the same server modules in plain Node, where they
 * are on the server by construction: import this module first and "server-only" is empty.
 */
const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
const load = loader._load;
loader._load = function (this: unknown, request: string, ...rest: unknown[]) {
  if (request === "server-only") return {};
  return load.call(this, request, ...rest);
};
