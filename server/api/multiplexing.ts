import "server-only";
import { Prisma } from "../db/generated/client";
import type { DbOrTx } from "../db/transaction";
import { csvRow } from "../licensing/csv";
import { apiUseReportInput, type ApiUseReportInput } from "@/lib/validation/api-accounts";

/*
 * Seeing multiplexing (../shared/brief/, ../shared/licensing.md "Integrations never multiplex"),
 * for administrators and report viewers:
 * - per API account, the distinct people it acted for (end users and agents apart), its writes,
 *   and the agent actions refused for want of a seat or license (from ApiAction);
 * - per person, sign-ins from several devices or addresses at the same time (a shared login):
 *   the most sessions live at one instant, counted by distinct device (browser and address) and
 *   by distinct address, flagged from the threshold an administrator sets (ApiSettings).
 * A session is live from its start until it ended, or until it was last seen.
 */

export type ApiAccountUse = {
  accountId: string;
  name: string;
  disabled: boolean;
  endUsers: number;
  agents: number;
  writes: number;
  refusedNoSeat: number;
  agentsRefusedNoSeat: number;
  refusedUnlicensed: number;
};
export type SharedLogin = {
  userId: string;
  name: string;
  email: string;
  role: string;
  devices: number;
  addresses: number;
  at: Date;
};
export type ApiUseReport = {
  days: number;
  from: Date;
  to: Date;
  threshold: number;
  accounts: ApiAccountUse[];
  sharedLogins: SharedLogin[];
};

const MAX_ROWS = 500;

export async function sharedLoginThreshold(db: DbOrTx): Promise<number> {
  return (await db.apiSettings.findUnique({ where: { id: 1 } }))?.sharedLoginThreshold ?? 3;
}

export async function setSharedLoginThreshold(db: DbOrTx, threshold: number): Promise<{ threshold: number }> {
  await db.apiSettings.upsert({
    where: { id: 1 },
    create: { id: 1, sharedLoginThreshold: threshold },
    update: { sharedLoginThreshold: threshold },
  });
  return { threshold };
}

export async function apiUseReport(db: DbOrTx, rawInput: ApiUseReportInput): Promise<ApiUseReport> {
  const { days } = apiUseReportInput.parse(rawInput);
  const [clock] = await db.$queryRaw<{ from: Date; to: Date }[]>`
    select now() - make_interval(days => ${days}::int) as "from", now() as "to"`;
  const { from, to } = clock!;
  const threshold = await sharedLoginThreshold(db);
  const [accounts, sharedLogins] = await Promise.all([
    db.$queryRaw<ApiAccountUse[]>(Prisma.sql`
      select a.id as "accountId", a.name, a."disabledAt" is not null as disabled,
        count(distinct x."personId") filter (where x."actingAs" = 'END_USER' and x.outcome = 'DONE')::int as "endUsers",
        count(distinct x."personId") filter (where x."actingAs" = 'AGENT' and x.outcome = 'DONE')::int as agents,
        count(x.id) filter (where x.outcome = 'DONE')::int as writes,
        count(x.id) filter (where x.outcome = 'NO_SEAT')::int as "refusedNoSeat",
        count(distinct x."personId") filter (where x.outcome = 'NO_SEAT')::int as "agentsRefusedNoSeat",
        count(x.id) filter (where x.outcome = 'UNLICENSED')::int as "refusedUnlicensed"
      from "ApiAccount" a
      left join "ApiAction" x on x."accountId" = a.id and x.at >= ${from} and x.at <= ${to}
      group by a.id order by a.name limit ${MAX_ROWS}`),
    db.$queryRaw<SharedLogin[]>(Prisma.sql`
      with s as (
        select id, "userId", "createdAt" as start, coalesce("endedAt", "lastSeenAt") as stop,
          coalesce("ipAddress", '?') as ip, coalesce("ipAddress", '?') || ' ' || coalesce("userAgent", '?') as device
        from "AuthSession"
        where "createdAt" <= ${to} and coalesce("endedAt", "lastSeenAt") >= ${from}
      ), peaks as (
        select a."userId", a.start as at, count(distinct b.device)::int as devices, count(distinct b.ip)::int as
          addresses
        from s a join s b on b."userId" = a."userId" and b.start <= a.start and b.stop >= a.start
        group by a."userId", a.id, a.start
      ), best as (
        select distinct on ("userId") "userId", devices, addresses, at from peaks
        where devices >= ${threshold}::int or addresses >= ${threshold}::int
        order by "userId", devices desc, addresses desc, at desc
      )
      select b."userId", u.name, u.email, u.role::text as role, b.devices, b.addresses, b.at
      from best b join "User" u on u.id = b."userId"
      order by b.devices desc, b.addresses desc, u.name limit ${MAX_ROWS}`),
  ]);
  return { days, from, to, threshold, accounts, sharedLogins };
}

export function apiUseCsv(report: ApiUseReport, section: "accounts" | "shared-logins"): string {
  if (section === "accounts") {
    const header = csvRow([
      "API account",
      "disabled",
      "end users acted for",
      "agents acted for",
      "writes",
      "agent actions refused (no seat)",
      "agents refused (no seat)",
      "refused (no agent license)",
    ]);
    const rows = report.accounts.map((a) =>
      csvRow([
        a.name,
        a.disabled ? "yes" : "no",
        String(a.endUsers),
        String(a.agents),
        String(a.writes),
        String(a.refusedNoSeat),
        String(a.agentsRefusedNoSeat),
        String(a.refusedUnlicensed),
      ]),
    );
    return [header, ...rows].join("");
  }
  const header = csvRow(["person", "email", "role", "devices at once", "addresses at once", "at (UTC)"]);
  const rows = report.sharedLogins.map((p) =>
    csvRow([p.name, p.email, p.role, String(p.devices), String(p.addresses), p.at.toISOString()]),
  );
  return [header, ...rows].join("");
}
