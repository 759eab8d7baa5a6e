import "server-only";
import { badRequest } from "./errors";
import { getAttr } from "./filter";
import { CORE_USER_ATTRIBUTES, ENTERPRISE_SCHEMA, ENTERPRISE_USER_ATTRIBUTES, USER_SCHEMA } from "./schemas";

/*
 * Reading a SCIM User as sent (POST, PUT, or the result of a PATCH) into what seatdesk keeps:
 * attribute names put in their canonical case, unknown attributes refused by name, values of
 * the wrong type refused, Entra's "True"/"False" strings read as booleans.
 */

type Json = Record<string, unknown>;

const canonical = (names: readonly string[]) => new Map(names.map((n) => [n.toLowerCase(), n]));
const CORE_NAMES = canonical(CORE_USER_ATTRIBUTES);
const ENTERPRISE_NAMES = canonical(ENTERPRISE_USER_ATTRIBUTES);
/** Never kept: what the server decides, and secrets. */
const NOT_KEPT = new Set(["id", "meta", "groups", "password", "schemas"]);

export type UserFields = {
  userName: string;
  email: string;
  name: string;
  active: boolean;
  scimExternalId: string | null;
  employeeNumber: string | null;
  department: string | null;
  managerExternalId: string | null;
  employeeType: string | null;
  jobCode: string | null;
  /** The resource to store (canonical names, nothing server-decided or secret). */
  resource: Json;
};

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function readBoolean(value: unknown, what: string): boolean {
  if (typeof value === "boolean") return value;
  if (typeof value === "string" && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === "true";
  throw badRequest(`${what} must be true or false, not ${JSON.stringify(value)}.`, "invalidValue");
}

function text(value: unknown, what: string, max = 300): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== "string")
    throw badRequest(`${what} must be text, not ${JSON.stringify(value)}.`, "invalidValue");
  const t = value.trim();
  if (t.length > max) throw badRequest(`${what} is longer than ${max} characters.`, "invalidValue");
  return t || null;
}

/** Canonical attribute names; an attribute of no schema this server knows is refused, by name. */
export function canonicalUser(body: unknown): Json {
  if (!isObject(body)) throw badRequest("The request body must be a JSON object (a User).", "invalidSyntax");
  const out: Json = {};
  for (const [key, value] of Object.entries(body)) {
    const lower = key.toLowerCase();
    if (lower === ENTERPRISE_SCHEMA.toLowerCase()) {
      if (!isObject(value)) throw badRequest(`${ENTERPRISE_SCHEMA} must be an object.`, "invalidSyntax");
      const ext: Json = {};
      for (const [k, v] of Object.entries(value)) {
        const name = ENTERPRISE_NAMES.get(k.toLowerCase());
        if (!name) throw badRequest(`Unknown attribute “${k}” in ${ENTERPRISE_SCHEMA}.`, "invalidSyntax");
        ext[name] = v;
      }
      out[ENTERPRISE_SCHEMA] = ext;
    } else if (lower.startsWith("urn:")) {
      // Another extension (a custom one carrying the job code, say): kept as sent.
      if (lower.startsWith(USER_SCHEMA.toLowerCase() + ":")) {
        const name = CORE_NAMES.get(lower.slice(USER_SCHEMA.length + 1));
        if (!name) throw badRequest(`Unknown attribute “${key}”.`, "invalidSyntax");
        out[name] = value;
      } else out[key] = value;
    } else {
      const name = CORE_NAMES.get(lower);
      if (!name) throw badRequest(`Unknown attribute “${key}”: it is in no schema of this server.`, "invalidSyntax");
      out[name] = value;
    }
  }
  return out;
}

/** The value at a configured attribute path: "title", or "urn:…:User:costCenter". */
export function valueAtPath(resource: Json, path: string): unknown {
  if (path.toLowerCase().startsWith("urn:")) {
    const colon = path.lastIndexOf(":");
    return getAttr(getAttr(resource, path.slice(0, colon)), path.slice(colon + 1));
  }
  const [head, sub] = path.split(".", 2) as [string, string | undefined];
  const v = getAttr(resource, head);
  return sub ? getAttr(v, sub) : v;
}

export function readUser(body: unknown, jobCodeAttribute: string): UserFields {
  const r = canonicalUser(body);
  const userName = text(r.userName, "userName", 254);
  if (!userName) throw badRequest("userName is required.", "invalidValue");
  const emails = r.emails;
  if (emails !== undefined && emails !== null && !Array.isArray(emails))
    throw badRequest("emails must be a list.", "invalidValue");
  const list = (emails ?? []) as unknown[];
  const primary =
    list.find((e) => isObject(e) && (e.primary === true || e.primary === "True" || e.primary === "true")) ?? list[0];
  const email = (
    text(getAttr(primary, "value"), "emails.value", 254) ?? (userName.includes("@") ? userName : null)
  )?.toLowerCase();
  if (!email || !/^[^\s@]+@[^\s@]+$/.test(email))
    throw badRequest(
      "A work email is needed: send emails with a value, or a userName that is an email.",
      "invalidValue",
    );
  const name = isObject(r.name) ? r.name : {};
  const given = text(getAttr(name, "givenName"), "name.givenName");
  const family = text(getAttr(name, "familyName"), "name.familyName");
  const displayName =
    text(r.displayName, "displayName", 200) ??
    text(getAttr(name, "formatted"), "name.formatted", 200) ??
    ([given, family].filter(Boolean).join(" ") || userName);
  const ext = (r[ENTERPRISE_SCHEMA] ?? {}) as Json;
  const manager = ext.manager;
  const jobCode = valueAtPath(r, jobCodeAttribute);
  const resource = Object.fromEntries(Object.entries(r).filter(([k]) => !NOT_KEPT.has(k)));
  return {
    userName,
    email,
    name: displayName,
    active: r.active === undefined || r.active === null ? true : readBoolean(r.active, "active"),
    scimExternalId: text(r.externalId, "externalId", 200),
    employeeNumber: text(ext.employeeNumber, "employeeNumber", 100),
    department: text(ext.department, "department", 200),
    managerExternalId: text(isObject(manager) ? manager.value : manager, "manager", 200),
    employeeType: text(r.userType, "userType", 100),
    jobCode: text(typeof jobCode === "number" ? String(jobCode) : jobCode, jobCodeAttribute, 100),
    resource,
  };
}
