import "server-only";
import { openApiDocument } from "./openapi";

/*
 * A readable page of the OpenAPI document (/api/v1/docs): every operation with its method, path,
 * summary, headers, parameters, body fields and answers, and a curl example. Rendered on the
 * server from the same generated document, without any script.
 */

type Schema = {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  default?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  items?: Schema;
  anyOf?: Schema[];
};
type Parameter = { in: string; name: string; required?: boolean; description?: string; schema?: Schema };
type Operation = {
  summary?: string;
  description?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { description?: string }>;
};

const escape = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function typeOf(schema: Schema | undefined): string {
  if (!schema) return "";
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.anyOf) return schema.anyOf.map(typeOf).join(" | ");
  if (schema.type === "array") return `${typeOf(schema.items)}[]`;
  const limits = [
    schema.minLength !== undefined ? `min ${schema.minLength}` : null,
    schema.maxLength !== undefined ? `max ${schema.maxLength}` : null,
    schema.minimum !== undefined ? `≥ ${schema.minimum}` : null,
    schema.maximum !== undefined ? `≤ ${schema.maximum}` : null,
    schema.default !== undefined ? `default ${JSON.stringify(schema.default)}` : null,
  ].filter(Boolean);
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : (schema.type ?? "object");
  return limits.length ? `${type} (${limits.join(", ")})` : type;
}

function fields(schema: Schema | undefined, prefix = ""): string[] {
  if (!schema?.properties) return [];
  return Object.entries(schema.properties).flatMap(([name, s]) => [
    `<tr><td><code>${escape(prefix + name)}</code></td><td>${escape(typeOf(s))}</td><td>${
      schema.required?.includes(name) ? "required" : "optional"
    }</td></tr>`,
    ...(s.properties ? fields(s, `${prefix}${name}.`) : []),
  ]);
}

function operation(method: string, path: string, op: Operation): string {
  const params = (op.parameters ?? []).map(
    (p) =>
      `<tr><td><code>${escape(p.name)}</code> (${p.in})</td><td>${escape(typeOf(p.schema))}${
        p.description ? ` — ${escape(p.description)}` : ""
      }</td><td>${p.required ? "required" : "optional"}</td></tr>`,
  );
  const body = fields(op.requestBody?.content?.["application/json"]?.schema);
  const answers = Object.entries(op.responses ?? {})
    .map(([code, r]) => `<li><b>${code}</b> ${escape(r.description ?? "")}</li>`)
    .join("");
  const table = (rows: string[], title: string) =>
    rows.length ? `<h4>${title}</h4><table><tbody>${rows.join("")}</tbody></table>` : "";
  return (
    `<section id="${escape(method + path)}"><h3><span class="m">${method.toUpperCase()}</span> ` +
    `<code>/api/v1${escape(
      path,
    )}</code></h3><p>${escape(op.summary ?? "")}</p>${op.description ? `<p>${escape(op.description)}</p>` : ""}${table(
      params,
      "Headers and parameters",
    )}${table(body, "Body (JSON; unknown fields are refused)")}<h4>Answers</h4><ul>${answers}</ul></section>`
  );
}

export function apiDocsHtml(): string {
  const doc = openApiDocument() as unknown as {
    info: { title: string; description?: string; version: string };
    paths: Record<string, Record<string, Operation>>;
  };
  const ops = Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => operation(method, path, op)),
  );
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.info.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#111}
code,pre{background:#f4f4f5;border-radius:4px;padding:0 .25rem}pre{padding:.75rem;overflow:auto}
table{border-collapse:collapse;width:100%}td{border-top:1px solid #e4e4e7;padding:.25rem .5rem;vertical-align:top}
section{border-top:2px solid ` +
    `#e4e4e7;margin-top:1.5rem}.m{font-size:.8rem;background:#18181b;color:#fff;border-radius:4px;padding:.1rem ` +
    `.4rem}</style>
</head><body><h1>${escape(doc.info.title)} <small>${escape(doc.info.version)}</small></h1>
<p>${escape(doc.info.description ?? "")}</p>
<p>Machine-readable: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a> (OpenAPI 3.1).</p>
<pre>curl -X POST "$SEATDESK/api/v1/tickets" \\
  -H "Authorization: Bearer $SEATDESK_TOKEN" -H "On-Behalf-Of: ana.ruiz@acme.test" \\
  -H "Idempotency-Key: $(uuidgen)" -H "Content-Type: application/json" \\
  -d '{"title":"VPN drops every hour","description":"Since Monday"}'</pre>
<p>Errors answer <code>{"code": "…", "message": "…", "data": {"requestId": "…"}}</code>: 400 bad input, 401 token,
403 scope or license, 404, 409 no free seat or a stale version, 413 body too large, 422 unknown or disabled person,
429 over the token's limit (with <code>Retry-After</code>).</p>
${ops.join("\n")}
</body></html>`
  );
}
