import "server-only";
import { badRequest } from "./errors";
import { evaluate, getAttr, parseFilter, type Filter } from "./filter";

/*
 * SCIM PATCH (RFC 7644 §3.5.2) applied to a resource's JSON: add, replace and remove, with or
 * without `path`, paths into extension schemas (urn:…:User:department), sub-attributes
 * (name.givenName) and value filters (members[value eq "…"], emails[type eq "work"].value).
 * Operation names are compared case-insensitively (Entra sends "Replace"). The result is checked
 * and stored by the same code as a PUT, in one transaction, so a bad operation anywhere in the
 * request leaves nothing half-applied.
 *
 * Leniency where identity providers differ from the letter of the RFC: a replace whose filter
 * matches no element adds one (Entra replaces emails[type eq "work"].value on a user without
 * one); a remove of a multi-valued attribute with a value removes those values (Entra removes
 * members that way).
 */

export const PATCH_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

type Json = Record<string, unknown>;
export type PatchOperation = { op: "add" | "replace" | "remove"; path?: string; value?: unknown };

type Path = { schema: string | null; attr: string; filter: Filter | null; sub: string | null };

/** Parses the request body of a PATCH; `coreSchema` is the resource's own schema URN. */
export function parsePatchBody(body: unknown): PatchOperation[] {
  const schemas = getAttr(body, "schemas");
  if (!Array.isArray(schemas) || !schemas.includes(PATCH_SCHEMA))
    throw badRequest(`A PATCH names the schema ${PATCH_SCHEMA}.`, "invalidSyntax");
  const ops = getAttr(body, "Operations");
  if (!Array.isArray(ops) || ops.length === 0)
    throw badRequest("A PATCH needs at least one operation.", "invalidSyntax");
  if (ops.length > 1000) throw badRequest("At most 1,000 operations per PATCH.", "tooMany");
  return ops.map((raw, i) => {
    const op = String(getAttr(raw, "op") ?? "").toLowerCase();
    if (op !== "add" && op !== "replace" && op !== "remove")
      throw badRequest(
        `Operation ${i + 1}: “${String(getAttr(raw, "op"))}” is not add, replace or remove.`,
        "invalidSyntax",
      );
    const path = getAttr(raw, "path");
    if (path !== undefined && typeof path !== "string")
      throw badRequest(`Operation ${i + 1}: the path must be text.`, "invalidPath");
    const value = getAttr(raw, "value");
    if (op !== "remove" && value === undefined)
      throw badRequest(`Operation ${i + 1} (${op}) needs a value.`, "invalidValue");
    return { op, path: path?.trim() || undefined, value };
  });
}

function parsePath(raw: string, coreSchema: string): Path {
  const bracket = raw.indexOf("[");
  const head = bracket >= 0 ? raw.slice(0, bracket) : raw;
  let schema: string | null = null;
  let rest = raw;
  if (head.toLowerCase().startsWith("urn:")) {
    const colon = head.lastIndexOf(":");
    schema = head.slice(0, colon);
    rest = raw.slice(colon + 1);
    if (schema.toLowerCase() === coreSchema.toLowerCase()) schema = null;
  }
  const m = /^([A-Za-z][\w$-]*)(?:\[(.*)\])?(?:\.([A-Za-z][\w$-]*))?$/s.exec(rest);
  if (!m) throw badRequest(`The path “${raw}” is not valid.`, "invalidPath");
  const [, attrName, filterText, subName] = m;
  let attr = attrName!;
  let sub = subName ?? null;
  if (!filterText && attr.includes(".")) [attr, sub] = attr.split(".", 2) as [string, string];
  let filter: Filter | null = null;
  if (filterText !== undefined) {
    try {
      filter = parseFilter(filterText);
    } catch {
      throw badRequest(`The filter in the path “${raw}” is not valid.`, "invalidPath");
    }
  }
  return { schema, attr, filter, sub };
}

/** The object an attribute lives in: the resource, or its extension's object (created on write). */
function container(resource: Json, schema: string | null, create: boolean): Json | null {
  if (!schema) return resource;
  const key = Object.keys(resource).find((k) => k.toLowerCase() === schema.toLowerCase());
  if (key) return resource[key] as Json;
  if (!create) return null;
  resource[schema] = {};
  return resource[schema] as Json;
}

const keyOf = (obj: Json, name: string) => Object.keys(obj).find((k) => k.toLowerCase() === name.toLowerCase()) ?? name;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const same = (a: unknown, b: unknown) =>
  isObject(a) && isObject(b) && "value" in a && "value" in b
    ? a.value === b.value
    : JSON.stringify(a) === JSON.stringify(b);

function setAttr(target: Json, name: string, value: unknown, mode: "add" | "replace") {
  const key = keyOf(target, name);
  const existing = target[key];
  if (mode === "add" && Array.isArray(existing)) {
    const incoming = Array.isArray(value) ? value : [value];
    target[key] = [...existing, ...incoming.filter((v) => !existing.some((e) => same(e, v)))];
  } else if (isObject(existing) && isObject(value)) {
    for (const [k, v] of Object.entries(value)) setAttr(existing, k, v, mode);
  } else {
    target[key] = value;
  }
}

function applyOne(resource: Json, op: PatchOperation, coreSchema: string): void {
  if (!op.path) {
    if (op.op === "remove") throw badRequest("A remove needs a path.", "noTarget");
    if (!isObject(op.value))
      throw badRequest(`A ${op.op} without a path needs an object as its value.`, "invalidValue");
    for (const [k, v] of Object.entries(op.value)) {
      // Keys may be full paths ("urn:…:User:department") or a whole extension object.
      if (k.toLowerCase().startsWith("urn:") && !isObject(v))
        applyOne(resource, { op: op.op, path: k, value: v }, coreSchema);
      else setAttr(resource, k, v, op.op);
    }
    return;
  }
  const path = parsePath(op.path, coreSchema);
  const target = container(resource, path.schema, op.op !== "remove");
  if (!target) return; // removing from an extension the resource does not have: nothing to do
  const key = keyOf(target, path.attr);

  if (path.filter) {
    const list = Array.isArray(target[key]) ? (target[key] as unknown[]) : [];
    const matches = list.filter((el) => evaluate(path.filter!, el));
    if (op.op === "remove") {
      target[key] = path.sub
        ? list.map((el) => (matches.includes(el) && isObject(el) ? omit(el, path.sub!) : el))
        : list.filter((el) => !matches.includes(el));
      return;
    }
    if (matches.length === 0) {
      const seed = seedFromFilter(path.filter);
      const element = path.sub
        ? { ...seed, [path.sub]: op.value }
        : { ...seed, ...(isObject(op.value) ? op.value : {}) };
      target[key] = [...list, element];
      return;
    }
    for (const el of matches) {
      if (!isObject(el)) continue;
      if (path.sub) el[keyOf(el, path.sub)] = op.value;
      else if (isObject(op.value)) Object.assign(el, op.value);
    }
    return;
  }

  if (path.sub) {
    if (op.op === "remove") {
      if (isObject(target[key])) target[key] = omit(target[key] as Json, path.sub);
      return;
    }
    if (!isObject(target[key])) target[key] = {};
    const obj = target[key] as Json;
    obj[keyOf(obj, path.sub)] = op.value;
    return;
  }

  if (op.op === "remove") {
    if (Array.isArray(target[key]) && op.value !== undefined) {
      const gone = Array.isArray(op.value) ? op.value : [op.value];
      target[key] = (target[key] as unknown[]).filter((el) => !gone.some((g) => same(el, g)));
    } else {
      delete target[key];
    }
    return;
  }
  if (op.op === "replace") {
    if (isObject(target[key]) && isObject(op.value)) setAttr(target, key, op.value, "replace");
    else target[key] = op.value;
    return;
  }
  setAttr(target, key, op.value, "add");
}

function omit(obj: Json, name: string): Json {
  const key = keyOf(obj, name);
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));
}

/** For `emails[type eq "work"]` with no such element: the new element starts as { type: "work" }. */
function seedFromFilter(filter: Filter): Json {
  if (filter.op === "cmp" && filter.cmp === "eq" && !filter.attr.includes(".")) return { [filter.attr]: filter.value };
  if (filter.op === "and") return { ...seedFromFilter(filter.left), ...seedFromFilter(filter.right) };
  return {};
}

/** Applies every operation to a copy of the resource; the original is left as it was. */
export function applyPatch(resource: Json, ops: PatchOperation[], coreSchema: string): Json {
  const copy = structuredClone(resource);
  for (const op of ops) applyOne(copy, op, coreSchema);
  return copy;
}
