import "server-only";
import { isStorableText } from "@/lib/text/storable";
import { badRequest } from "./errors";

/*
 * SCIM filters (RFC 7644 §3.4.2.2): a parser to a small tree, shared by list queries (turned into
 * database conditions by users.ts and groups.ts) and PATCH value filters such as
 * members[value eq "…"] (evaluated on the resource by evaluate()). Precedence: not, and, or.
 */

export type CompareOp = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le";
export type FilterValue = string | number | boolean | null;
export type Filter =
  | { op: "and" | "or"; left: Filter; right: Filter }
  | { op: "not"; filter: Filter }
  | { op: "pr"; attr: string }
  | { op: "cmp"; attr: string; cmp: CompareOp; value: FilterValue }
  | { op: "valuePath"; attr: string; filter: Filter };

const COMPARE_OPS = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"]);
type Token = { kind: "word" | "string" | "(" | ")" | "[" | "]"; text: string; value?: string };

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const c = input[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if ("()[]".includes(c)) {
      tokens.push({ kind: c as Token["kind"], text: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < input.length && input[j] !== '"') j += input[j] === "\\" ? 2 : 1;
      if (j >= input.length) throw invalid(`the string starting at character ${i + 1} is not closed`);
      const text = input.slice(i, j + 1);
      let value: string;
      try {
        value = JSON.parse(text) as string;
      } catch {
        throw invalid(`the string ${text} is not valid`);
      }
      // An escape such as \u0000 or a lone \ud800: no stored text holds one, and the database refuses to compare it.
      if (!isStorableText(value))
        throw invalid(`the string ${text} holds a NUL character or a broken Unicode sequence`);
      tokens.push({ kind: "string", text, value });
      i = j + 1;
    } else {
      let j = i;
      while (j < input.length && !/[\s()[\]"]/.test(input[j]!)) j++;
      tokens.push({ kind: "word", text: input.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

const invalid = (why: string) => badRequest(`The filter is not valid: ${why}.`, "invalidFilter");
const ATTR = /^(urn:[\w.:-]+:)?[A-Za-z][\w$-]*(\.[A-Za-z][\w$-]*)?$/;

export function parseFilter(input: string): Filter {
  if (input.length > 2000) throw invalid("it is longer than 2,000 characters");
  const tokens = tokenize(input);
  let pos = 0;
  const peek = () => tokens[pos];
  const word = (t: Token | undefined, w: string) => t?.kind === "word" && t.text.toLowerCase() === w;

  function parseOr(): Filter {
    let left = parseAnd();
    while (word(peek(), "or")) {
      pos++;
      left = { op: "or", left, right: parseAnd() };
    }
    return left;
  }
  function parseAnd(): Filter {
    let left = parseUnary();
    while (word(peek(), "and")) {
      pos++;
      left = { op: "and", left, right: parseUnary() };
    }
    return left;
  }
  function parseUnary(): Filter {
    const t = peek();
    if (!t) throw invalid("it ends where an expression was expected");
    if (word(t, "not")) {
      pos++;
      if (peek()?.kind !== "(") throw invalid("not must be followed by (");
      pos++;
      const filter = parseOr();
      expect(")");
      return { op: "not", filter };
    }
    if (t.kind === "(") {
      pos++;
      const inner = parseOr();
      expect(")");
      return inner;
    }
    if (t.kind !== "word" || !ATTR.test(t.text)) throw invalid(`“${t.text}” is not an attribute name`);
    pos++;
    if (peek()?.kind === "[") {
      pos++;
      const filter = parseOr();
      expect("]");
      return { op: "valuePath", attr: t.text, filter };
    }
    const opToken = peek();
    const op = opToken?.kind === "word" ? opToken.text.toLowerCase() : "";
    if (op === "pr") {
      pos++;
      return { op: "pr", attr: t.text };
    }
    if (!COMPARE_OPS.has(op)) throw invalid(`“${opToken?.text ?? "(end)"}” after ${t.text} is not an operator`);
    pos++;
    return { op: "cmp", attr: t.text, cmp: op as CompareOp, value: parseValue() };
  }
  function parseValue(): FilterValue {
    const t = peek();
    if (!t) throw invalid("a value is missing at the end");
    pos++;
    if (t.kind === "string") return t.value!;
    if (t.kind === "word") {
      const w = t.text.toLowerCase();
      if (w === "true") return true;
      if (w === "false") return false;
      if (w === "null") return null;
      if (/^-?\d+(\.\d+)?$/.test(t.text)) return Number(t.text);
    }
    throw invalid(`${t.text} is not a value: put text in double quotes`);
  }
  function expect(kind: ")" | "]") {
    if (peek()?.kind !== kind) throw invalid(`a “${kind}” is missing`);
    pos++;
  }

  const filter = parseOr();
  if (pos < tokens.length) throw invalid(`unexpected “${tokens[pos]!.text}”`);
  return filter;
}

/** The value of an attribute of a resource, names compared case-insensitively (RFC 7643 §2.1). */
export function getAttr(resource: unknown, name: string): unknown {
  if (!resource || typeof resource !== "object" || Array.isArray(resource)) return undefined;
  const key = Object.keys(resource).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : (resource as Record<string, unknown>)[key];
}

function valuesAt(resource: unknown, attr: string): unknown[] {
  const [head, sub] = attr.split(".", 2) as [string, string | undefined];
  const v = getAttr(resource, head);
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return sub ? list.map((x) => getAttr(x, sub)).filter((x) => x !== undefined) : list;
}

function compare(actual: unknown, cmp: CompareOp, expected: FilterValue): boolean {
  if (typeof actual === "string" && typeof expected === "string") {
    const a = actual.toLowerCase();
    const e = expected.toLowerCase();
    switch (cmp) {
      case "eq":
        return a === e;
      case "ne":
        return a !== e;
      case "co":
        return a.includes(e);
      case "sw":
        return a.startsWith(e);
      case "ew":
        return a.endsWith(e);
      case "gt":
        return a > e;
      case "ge":
        return a >= e;
      case "lt":
        return a < e;
      case "le":
        return a <= e;
    }
  }
  if (cmp === "eq") return actual === expected || String(actual).toLowerCase() === String(expected).toLowerCase();
  if (cmp === "ne") return actual !== expected;
  if (typeof actual === "number" && typeof expected === "number")
    return cmp === "gt"
      ? actual > expected
      : cmp === "ge"
        ? actual >= expected
        : cmp === "lt"
          ? actual < expected
          : cmp === "le" && actual <= expected;
  return false;
}

/** Whether a resource (or an element of a multi-valued attribute) matches the filter. */
export function evaluate(filter: Filter, resource: unknown): boolean {
  switch (filter.op) {
    case "and":
      return evaluate(filter.left, resource) && evaluate(filter.right, resource);
    case "or":
      return evaluate(filter.left, resource) || evaluate(filter.right, resource);
    case "not":
      return !evaluate(filter.filter, resource);
    case "pr":
      return valuesAt(resource, filter.attr).some((v) => v !== null && v !== "" && !(Array.isArray(v) && !v.length));
    case "cmp":
      return valuesAt(resource, filter.attr).some((v) => compare(v, filter.cmp, filter.value));
    case "valuePath":
      return valuesAt(resource, filter.attr).some((v) => evaluate(filter.filter, v));
  }
}
