import "server-only";
import type { ApiCaller } from "./tokens";

/**
 * What the HTTP gate (gate.ts) hands the procedures of /api/v1 once a token was accepted: the
 * caller, and the request's headers that the procedures act on.
 */
export type ApiRequest = {
  caller: ApiCaller;
  /** The On-Behalf-Of header, as sent (resolved by the procedure that writes: on-behalf-of.ts). */
  onBehalfOf: string | null;
  idempotencyKey: string | null;
  from: string | null;
};
