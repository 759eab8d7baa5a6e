/**
 * The JSON answer of a route handler that refused or failed (server/http/route-gate.ts): the
 * message to show, the first field it belongs to, messages per field, and structured details
 * (as a procedure's `data.details`, e.g. `{ seat: "refused" }`). For browser code reading them.
 */
export type RouteErrorBody = {
  message: string;
  field: string | null;
  fieldErrors: Record<string, string[] | undefined> | null;
  details: unknown;
};
