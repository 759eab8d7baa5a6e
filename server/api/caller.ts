import "server-only";
import type { ApiCaller } from "./tokens";
import type { PersonRow } from "./on-behalf-of";

/**
 * What the HTTP gate (gate.ts) hands the procedures of /api/v1 once a token was accepted: the
 * caller, and the request's headers that the procedures act on.
 */
export type ApiRequest = {
  caller: ApiCaller;
  /** The On-Behalf-Of header, as sent (resolved by the procedure that writes: on-behalf-of.ts). */
  onBehalfOf: string | null;
  /** The person it names, read with the token (null: nobody); undefined when not looked up. */
  onBehalfOfPerson?: PersonRow | null;
  idempotencyKey: string | null;
  from: string | null;
  /** The database clock when the gate checked the token (read in that statement): the request's time. */
  checkedAt?: Date;
};
