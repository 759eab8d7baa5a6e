import "server-only";

/*
 * SCIM errors (RFC 7644 §3.12): a status, an optional scimType, and a detail written for the
 * identity provider's administrator who reads it in their provisioning log.
 */

export const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

export type ScimType =
  | "invalidFilter"
  | "tooMany"
  | "uniqueness"
  | "mutability"
  | "invalidSyntax"
  | "invalidPath"
  | "noTarget"
  | "invalidValue"
  | "invalidVers"
  | "sensitive";

export class ScimError extends Error {
  constructor(
    public readonly status: number,
    detail: string,
    public readonly scimType?: ScimType,
  ) {
    super(detail);
    this.name = "ScimError";
  }

  body() {
    return {
      schemas: [ERROR_SCHEMA],
      status: String(this.status),
      ...(this.scimType ? { scimType: this.scimType } : {}),
      detail: this.message,
    };
  }
}

export const badRequest = (detail: string, scimType: ScimType) => new ScimError(400, detail, scimType);
export const notFound = (what: string) => new ScimError(404, `${what} not found.`);
