import pg from "pg";
import { hash } from "@node-rs/argon2";
import { BENCH_PASSWORD } from "./fixtures";
import { benchTexts } from "./tickets-texts";
import { timedSqlSteps } from "./sql-steps";

/*
 * The large organisation of `npm run bench:tickets`, generated inside PostgreSQL (generate_series,
 * INSERT ... SELECT): 100,000 end users, a Service Desk of 50 agents and 4 specialist groups of
 * 25, 1,000,000 tickets over two years with statuses that fit their age (about 1% still open),
 * 1.5 replies or notes and 2 history entries per ticket on average, problems linking incidents.
 * The secondary indexes and foreign keys of the ticket tables are dropped for the load and
 * re-created from their own definitions afterwards (building an index once is much faster than
 * growing it row by row), then everything is ANALYZEd.
 *
 * SLA due times follow a simple rule here, not the business calendar: the target's minutes on
 * the wall clock, resolution times 2.4 (a 10-hour business day): close enough for the queries.
 */

export const GENERATOR_VERSION = 1;
export type BenchSizes = { endUsers: number; tickets: number; days: number };
export const DEFAULT_SIZES: BenchSizes = { endUsers: 100_000, tickets: 1_000_000, days: 730 };
export const DESK_AGENTS = 50;
export const SPECIALISTS_PER_GROUP = 25;
const TICKET_TABLES = ["Ticket", "TicketComment", "TicketHistory", "TicketLink"];

export const benchUserId = (i: number) => `bu${String(i).padStart(6, "0")}`;
export const benchUserEmail = (i: number) => `user${String(i).padStart(6, "0")}@bench.test`;
export const deskAgentEmail = (i: number) => `desk${String(i).padStart(2, "0")}@bench.test`;

export async function generateBenchOrganisation(
  url: string,
  sizes: BenchSizes,
  log: (line: string) => void,
): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const step = timedSqlSteps(c, log);
  try {
    await c.query(`set synchronous_commit = off; set maintenance_work_mem = '256MB'; set work_mem = '64MB'`);
    const passwordHash = await hash(BENCH_PASSWORD, { memoryCost: 1024, timeCost: 1, parallelism: 1 });
    const texts = benchTexts();

    // What to re-create after the load: secondary indexes and foreign keys of the ticket tables.
    const tables = TICKET_TABLES.map((t) => `'"${t}"'::regclass`).join(", ");
    const indexes = (
      await c.query<{ name: string; def: string }>(
        `select indexrelid::regclass::text as name, pg_get_indexdef(indexrelid) as def from pg_index where
          indrelid in (${tables}) and not indisprimary`,
      )
    ).rows;
    const fks = (
      await c.query<{ tbl: string; name: string; def: string }>(
        `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def from
          pg_constraint where contype = 'f' and conrelid in (${tables})`,
      )
    ).rows;
    for (const fk of fks) await c.query(`alter table ${fk.tbl} drop constraint "${fk.name}"`);
    for (const index of indexes) await c.query(`drop index ${index.name}`);

    await step(
      "people",
      `
      insert into "Group" ("id", "name", "description") values
        ('bg-desk', 'Service Desk', 'First line'), ('bg-net', 'Network', ''), ('bg-app', 'Applications', ''),
        ('bg-infra', 'Infrastructure', ''), ('bg-sec', 'Security', '');
      insert into "User" ("id", "email", "name", "role", "passwordHash", "updatedAt")
        select 'ba-desk-' || i, 'desk' || lpad(i::text, 2, '0') || '@bench.test', 'Desk agent ' || i,
          'AGENT'::"Role", $1, now() from generate_series(1, ${DESK_AGENTS}) i
        union all
        select 'ba-spec-' || i, 'spec' || lpad(i::text, 3, '0') || '@bench.test', 'Specialist ' || i,
          'AGENT'::"Role", $1, now() from generate_series(1, ${4 * SPECIALISTS_PER_GROUP}) i
        union all
        select 'bu' || lpad(i::text, 6, '0'), 'user' || lpad(i::text, 6, '0') || '@bench.test', 'Bench user ' ||
          i, 'END_USER'::"Role", $1, now() from generate_series(1, ${sizes.endUsers}) i;
      insert into "GroupMember" ("groupId", "userId")
        select 'bg-desk', 'ba-desk-' || i from generate_series(1, ${DESK_AGENTS}) i
        union all
        select (array['bg-net', 'bg-app', 'bg-infra', 'bg-sec'])[1 + (i - 1) / ${SPECIALISTS_PER_GROUP}],
          'ba-spec-' || i from generate_series(1, ${4 * SPECIALISTS_PER_GROUP}) i;`.replace(
        /\$1/g,
        `'${passwordHash.replace(/'/g, "''")}'`,
      ),
    );
    await c.query(
      `insert into "Category" ("id", "name") select 'bc-' || n, n from unnest($1::text[]) n on conflict do nothing`,
      [[...new Set(texts.categories)]],
    );
    // Numbered within each kind (incident or request words), so a ticket picks words of its kind.
    await c.query(
      `create temp table bench_text as select row_number() over (partition by kind order by k) as tk, kind,
        title, description, 'bc-' || category as category_id
      from unnest($1::text[], $2::text[], $3::text[], $4::text[]) with ordinality as x(title, description,
        category, kind, k)`,
      [texts.titles, texts.descriptions, texts.categories, texts.types],
    );
    await c.query(
      `create temp table bench_reply as select k, body from unnest($1::text[]) with ordinality as x(body, k)`,
      [texts.replies],
    );
    await c.query(`analyze bench_text; analyze bench_reply`);

    await step(
      "tickets",
      ticketsSql(
        sizes,
        texts.types.filter((t) => t === "INCIDENT").length,
        texts.types.filter((t) => t === "REQUEST").length,
      ),
    );
    await step(
      "replies and notes",
      `
      insert into "TicketComment" ("id", "ticketId", "authorId", "body", "internal", "createdAt")
      select gen_random_uuid()::text, t.id,
             case when s = 1 and t.type in ('INCIDENT', 'REQUEST') then t."requesterId" else
               coalesce(t."assigneeId", 'ba-desk-1') end,
             r.body,
             s = 2 and abs(hashtext(t.id)) % 5 < 2,
             t."createdAt" + (t."updatedAt" - t."createdAt") * (s / 3.0)
      from "Ticket" t cross join generate_series(1, 2) s
      join bench_reply r on r.k = 1 + (abs(hashtext(t.id || s)) % ${texts.replies.length})
      where s = 1 or abs(hashtext(t.id)) % 2 = 0`,
    );
    await step(
      "history",
      `
      insert into "TicketHistory" ("ticketId", "actorId", "version", "field", "fromValue", "toValue", "at")
      select t.id, t."assigneeId", 2, 'status', 'NEW', 'ASSIGNED', t."createdAt" + (t."updatedAt" - t."createdAt") * 0.1
      from "Ticket" t where t.status <> 'NEW' and t."assigneeId" is not null
      union all
      select t.id, case when t.status = 'CLOSED' then null else t."assigneeId" end, 3, 'status', 'ASSIGNED',
        t.status::text, t."updatedAt"
      from "Ticket" t where t.status in ('IN_PROGRESS', 'PENDING', 'RESOLVED', 'CLOSED', 'CANCELLED') and
        t."assigneeId" is not null`,
    );
    await step(
      "links",
      `
      insert into "TicketLink" ("id", "fromId", "toId", "createdById", "createdAt")
      select gen_random_uuid()::text, p.id, i.id, coalesce(p."assigneeId", p."requesterId"), p."createdAt"
      from "Ticket" p cross join generate_series(1, 2) s
      join "Ticket" i on i.type = 'INCIDENT' and i.number = greatest(1, (p.number * 50) - s)
      where p.type = 'PROBLEM'`,
    );
    await step(
      "numbers",
      `select setval(('ticket_number_' || lower(type::text))::regclass, max(number)) from "Ticket" group by type`,
    );
    for (const index of indexes) await step(`index ${index.name}`, index.def);
    for (const fk of fks)
      await step(`foreign key ${fk.name}`, `alter table ${fk.tbl} add constraint "${fk.name}" ${fk.def}`);
    await step("analyze", "vacuum analyze");
  } finally {
    await c.end();
  }
}

/** One statement: a million tickets, their type, people, status, times and SLA fields from the row number. */
function ticketsSql(sizes: BenchSizes, incidentTexts: number, requestTexts: number): string {
  return `
    insert into "Ticket" ("id", "type", "number", "title", "description", "requesterId", "categoryId", "groupId",
      "assigneeId", "impact", "urgency", "priority",
                          "status", "version", "createdAt", "updatedAt", "firstRespondedAt", "resolvedAt",
                            "closedAt", "pendingSince", "responseDueAt", "resolutionDueAt")
    with base as (
      select i, random() as r1, random() as r2, random() as r3, random() as r4,
             now() - make_interval(secs => (1 - i::float8 / ${sizes.tickets}) * ${sizes.days} * 86400 + random()
               * 900) as created
      from generate_series(1, ${sizes.tickets}) i
    ), typed as (
      select *, case when r1 < 0.55 then 'INCIDENT' when r1 < 0.90 then 'REQUEST' when r1 < 0.91 then 'PROBLEM'
        when r1 < 0.96 then 'CHANGE' else 'JOB' end::"TicketType" as type,
             extract(epoch from now() - created) / 86400 as age
      from base
    ), shaped as (
      select *,
        case
          when age < 2 then (array['NEW', 'ASSIGNED', 'IN_PROGRESS', 'IN_PROGRESS', 'PENDING', 'RESOLVED'])[1 +
            floor(r2 * 6)::int]
          when age < 14 then case when r2 < 0.04 then 'IN_PROGRESS' when r2 < 0.06 then 'PENDING' when r2 < 0.30
            then 'RESOLVED' when r2 < 0.97 then 'CLOSED' else 'CANCELLED' end
          else case when r2 < 0.004 then 'IN_PROGRESS' when r2 < 0.006 then 'PENDING' when r2 < 0.975 then
            'CLOSED' else 'CANCELLED' end
        end::"TicketStatus" as status,
        case when type in ('INCIDENT', 'REQUEST') and r3 < 0.75 then 0 else 1 + floor(r4 * 4)::int end as grp,
        case when type = 'INCIDENT' then (array[3, 3, 3, 2, 2, 1])[1 + floor(r3 * 6)::int] when type = 'REQUEST'
          then 3 else 2 end as impact,
        case when type = 'INCIDENT' then (array[2, 2, 3, 1])[1 + floor(r4 * 4)::int] else 3 end as urgency
      from typed
    ), placed as (
      select s.*, tx.title, tx.description, tx.category_id,
        (array['bg-desk', 'bg-net', 'bg-app', 'bg-infra', 'bg-sec'])[1 + grp] as group_id,
        case when status in ('NEW', 'CANCELLED') then null
             when grp = 0 then 'ba-desk-' || (1 + i % ${DESK_AGENTS})
             else 'ba-spec-' || ((grp - 1) * ${SPECIALISTS_PER_GROUP} + 1 + i % ${SPECIALISTS_PER_GROUP}) end as
               assignee_id,
        case when type in ('INCIDENT', 'REQUEST') then 'bu' || lpad((1 + floor(power(r4, 1.3) *
          ${sizes.endUsers}))::int::text, 6, '0')
             else 'ba-spec-' || (1 + i % ${4 * SPECIALISTS_PER_GROUP}) end as requester_id,
        -- Open tickets were last touched some time since creation, done ones when they closed.
        case when status in ('CLOSED', 'CANCELLED') then least(now(), created + (interval '1 hour' * (1 + r3 *
          96)) + interval '7 days')
             when status = 'RESOLVED' then least(now(), created + (interval '1 hour' * (1 + r3 * 48)))
             else created + (now() - created) * r3 end as updated
      from shaped s
      join bench_text tx on tx.kind = case when s.type = 'REQUEST' then 'REQUEST' else 'INCIDENT' end
                        and tx.tk = 1 + (s.i::bigint * 7919) % case when s.type = 'REQUEST' then
                          ${requestTexts} else ${incidentTexts} end
    )
    select gen_random_uuid()::text, p.type, row_number() over (partition by p.type order by p.i), p.title,
      p.description, p.requester_id, p.category_id, p.group_id, p.assignee_id,
           p.impact, p.urgency, m.priority, p.status, case when p.status = 'NEW' then 1 when p.status =
             'ASSIGNED' then 2 else 3 end, p.created, p.updated,
           case when p.status <> 'NEW' then p.created + (p.updated - p.created) * 0.1 end,
           case when p.status in ('RESOLVED', 'CLOSED') then least(p.updated, p.created + (interval '1 hour' * (1
             + p.r3 * 96))) end,
           case when p.status in ('CLOSED', 'CANCELLED') then p.updated end,
           case when p.status = 'PENDING' then p.updated end,
           case when p.status <> 'PENDING' then p.created + make_interval(mins => sla."responseMinutes") end,
           case when p.status <> 'PENDING' then p.created + make_interval(mins => (sla."resolutionMinutes" * case
             when sla."aroundTheClock" then 1 else 2.4 end)::int) end
    from placed p
    join "PriorityMatrix" m on m.impact = p.impact and m.urgency = p.urgency
    join "SlaTarget" sla on sla.priority = m.priority
    order by p.i`;
}
