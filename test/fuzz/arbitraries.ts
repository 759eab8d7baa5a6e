import fc from "fast-check";
import { z } from "zod";

/*
 * Inputs for the fuzz tests (test/fuzz.test.ts): valid-looking values derived from each
 * procedure's own zod input schema (through its JSON Schema), with hostile values mixed in at
 * every leaf, and wholly hostile values. Hostile: NUL and control characters, lone surrogates,
 * malformed percent-escapes, forged cursors, out-of-range dates and numbers, huge strings, and
 * the types superjson lets a client send (BigInt, Date, Map, Set, undefined, NaN, Infinity).
 */

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
};

export const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "INC-000001\u0000",
  "a\u0000b",
  "%",
  "%E0%A4%A",
  "%zz",
  "%00",
  "\uD800",
  "\uDFFF\uD800",
  "../../../etc/passwd",
  "' OR '1'='1' --",
  '\'; DROP TABLE "Ticket"; --',
  "<script>alert(1)</script>",
  "javascript:alert(1)",
  "\\",
  "%%%%",
  "_",
  "2026-01-01T00:00:00.000Z_",
  "2026-01-01T00:00:00.000Z_x",
  "+275760-09-13T00:00:00.000Z_abc",
  "-271821-04-20T00:00:00.000Z_abc",
  "0001-01-01T00:00:00.000Z_a",
  "99999-01-01_x",
  "1_1",
  "9223372036854775808",
  "-1",
  "NaN",
  "Infinity",
  "__proto__",
  "constructor",
  "null",
  "INC-999999999999999999999",
  "INC-",
  "REQ-00000000000000000001",
  "\u202e\u0645\u0631\u062d\u0628\u0627",
  "😀".repeat(50),
  "x".repeat(5000),
  "\r\n\t\u000b\u000c",
  "Europe/Nowhere",
  "25:61",
  "2026-02-30",
  "2026-13-01",
  "0000-00-00",
];

/** Ids and references that exist in the fuzz database, so valid-looking inputs reach deep. */
export type KnownValues = { ids: string[]; refs: string[] };

const hostileString = fc.constantFrom(...HOSTILE_STRINGS);

export const hostileScalar: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.string({ maxLength: 40, unit: "binary" }),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_SAFE_INTEGER - 10, 2 ** 31, -1, 0, 1.5),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.constantFrom(new Date(NaN), new Date(8.64e15), new Date(-8.64e15), new Date(0)),
  fc.constantFrom(undefined, null, true, false),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileScalar,
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), hostileString), tie("value"), { maxKeys: 4 }),
    tie("value").map((v) => new Map([["k", v]])),
    tie("value").map((v) => new Set([v])),
  ),
})).value;

function stringArb(schema: JsonSchema, known: KnownValues): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 60, 60));
  const options: fc.Arbitrary<string>[] = [];
  if (schema.format === "email") options.push(fc.emailAddress());
  else if (schema.format === "date-time" || schema.format === "date")
    options.push(
      fc
        .date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true })
        .map((d) => (schema.format === "date" ? d.toISOString().slice(0, 10) : d.toISOString())),
    );
  else if (schema.pattern) {
    try {
      options.push(fc.stringMatching(new RegExp(schema.pattern)).filter((s) => s.length <= (schema.maxLength ?? 1e6)));
    } catch {
      // A pattern fast-check cannot generate from: plain strings below.
    }
  }
  if (options.length === 0) {
    options.push(fc.string({ minLength: min, maxLength: max }));
    if (known.ids.length) options.push(fc.constantFrom(...known.ids));
    if (known.refs.length) options.push(fc.constantFrom(...known.refs));
  }
  return fc.oneof(...options);
}

function numberArb(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : -1000);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - 1 : 100_000);
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(max, Number.MAX_SAFE_INTEGER);
  if (integer)
    return fc.oneof(
      fc.integer({ min: Math.max(lo, -(2 ** 31)), max: Math.min(hi, 2 ** 31 - 1) }),
      fc.constantFrom(lo, hi),
    );
  return fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

/**
 * A value that satisfies the schema most of the time, with a hostile value in place of any leaf
 * now and then (`hostileWeight` out of 10).
 */
export function fromJsonSchema(
  schema: JsonSchema,
  known: KnownValues,
  hostileWeight = 1,
  depth = 0,
): fc.Arbitrary<unknown> {
  const valid = validFromJsonSchema(schema, known, hostileWeight, depth);
  if (hostileWeight === 0) return valid;
  return fc.oneof(
    { arbitrary: valid, weight: 10 - hostileWeight },
    { arbitrary: hostileScalar, weight: hostileWeight },
  );
}

function validFromJsonSchema(
  schema: JsonSchema,
  known: KnownValues,
  hostileWeight: number,
  depth: number,
): fc.Arbitrary<unknown> {
  const next = (s: JsonSchema) => fromJsonSchema(s, known, hostileWeight, depth + 1);
  if (depth > 6) return hostileScalar;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map(next));
  if (schema.allOf?.length) return next(schema.allOf[0]!);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => next({ ...schema, type })));
  switch (types[0]) {
    case "string":
      return stringArb(schema, known);
    case "integer":
      return numberArb(schema, true);
    case "number":
      return numberArb(schema, false);
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array": {
      const items = schema.items ? next(schema.items) : hostileValue;
      const minLength = schema.minItems ?? 0;
      return fc.array(items, { minLength, maxLength: Math.max(minLength, Math.min(schema.maxItems ?? 4, 8)) });
    }
    case "object": {
      const properties = schema.properties ?? {};
      const model = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, next(v)]));
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => k in properties) });
    }
    default:
      return hostileValue;
  }
}

/** Generated inputs for a procedure whose input is the zod schema (or none). */
export function inputArbitrary(schema: z.ZodType | undefined, known: KnownValues): fc.Arbitrary<unknown> {
  if (!schema)
    return fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: hostileValue, weight: 1 });
  const jsonSchema = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonSchema;
  return fc.oneof(
    { arbitrary: fromJsonSchema(jsonSchema, known, 0), weight: 4 },
    { arbitrary: fromJsonSchema(jsonSchema, known, 2), weight: 4 },
    { arbitrary: hostileValue, weight: 2 },
  );
}

// ───────────── Over HTTP (test/fuzz-routes.test.ts, test/fuzz-api-http.test.ts) ─────────────

/** What must never reach a client: stack frames, Prisma's or PostgreSQL's own words. */
export const LEAK = /\n\s+at |node_modules|prisma|Invalid `|violates|syntax error|invalid byte sequence|ECONN/i;

/** encodeURIComponent, except that a lone surrogate goes out as the bytes of one (as a raw client could). */
export const encodeLoosely = (s: string) => {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
};

export const hostileText = fc.oneof(fc.constantFrom(...HOSTILE_STRINGS), fc.string({ maxLength: 30, unit: "binary" }));

/** A path segment as a client could send it: percent-escapes are not decoded or checked here. */
export const rawSegment = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.map(encodeLoosely)),
  fc.constantFrom("%E0%A4%A", "%", "%zz", "%00", "%ED%A0%80", "..", "%2e%2e", "a,b"),
  fc.stringMatching(/^[A-Za-z0-9._~-]{0,30}$/),
);

/** JSON as a client would write it (BigInt as its digits, which JSON.stringify refuses). */
export const toJson = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? x.toString() : x)) ?? "null";

/** What an HTTP header can carry: Fetch and Node refuse NUL, CR, LF and characters above U+00FF. */
export const isHeaderValue = (s: string) => /^[\t\x20-\x7e\x80-\xff]*$/.test(s);

/** Hostile header values a client can send (the hostile strings that fit in a header, and a few of its own). */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS.filter(isHeaderValue)),
  fc.constantFrom("\u00ff\u00fe", "\u00e9t\u00e9@example.test", "a@b.test, c@d.test", "a@b.test,", " , ", "\t"),
  fc.string({ maxLength: 40 }).filter(isHeaderValue),
  fc.string({ minLength: 300, maxLength: 9000, unit: fc.constantFrom("a", "@", "%", ",", " ") }),
);

/**
 * JSON texts a parser accepts but a server may not expect: deep nesting, numbers out of every
 * range, duplicate and prototype keys, scalars and arrays where an object belongs; and texts
 * that are not JSON at all (a byte-order mark, a trailing comma, a truncated document).
 */
export const hostileJsonText: fc.Arbitrary<string> = fc.oneof(
  fc
    .constantFrom(10, 100, 5000, 100_000)
    .chain((depth) =>
      fc.constantFrom(
        "[".repeat(depth) + "]".repeat(depth),
        '{"a":'.repeat(depth) + "1" + "}".repeat(depth),
        '{"title":' + "[".repeat(depth) + "]".repeat(depth) + "}",
      ),
    ),
  fc.constantFrom("1e400", "-1e400", "-0", "123456789012345678901234567890", "0.0000000000000000000001", "1E-400"),
  fc
    .constantFrom("title", "body", "limit", "days", "expectedVersion", "impact", "reason", "internal", "changes")
    .chain((key) =>
      fc
        .constantFrom("1e400", "-0", "99999999999999999999", "[]", "{}", "null", '"\\u0000"', '"\\ud800"', "true")
        .map((value) => `{"${key}":${value}}`),
    ),
  fc.constantFrom(
    '{"title":"Printer jam","title":{"x":1}}',
    '{"__proto__":{"admin":true},"title":"Printer jam"}',
    '{"constructor":{"prototype":{"admin":true}}}',
    '\uFEFF{"title":"Printer jam"}',
    '{"title":"Printer jam",}',
    '{"title":"Printer',
    "null",
    "[]",
    '"a string"',
    "true",
    "",
    " ",
    "\u0000",
    "<xml/>",
    "title=Printer+jam",
  ),
);
