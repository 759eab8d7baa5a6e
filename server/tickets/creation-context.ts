import "server-only";
import type { Priority } from "../db/generated/enums";
import type { DbOrTx } from "../db/transaction";
import { Prisma } from "../db/generated/client";
import { sqlOutsideTransaction } from "../db/sql";
import { isClient } from "../db/client";
import { cachedCreationSettings } from "./creation-settings";
import { SERVICE_DESK, type GroupRef } from "./assignment";
import { DEFAULT_PRIORITY_MATRIX, priorityFor } from "./priority";
import { DEFAULT_SLA_TARGETS, type SlaTargetRow } from "./sla/load-calendar";

export type CreationContext = {
  now: Date;
  priority: Priority;
  target: SlaTargetRow;
  serviceDesk: GroupRef | null;
  /** Set when the settings came from this process's copy: the version the insert must check. */
  settingsVersion?: bigint | null;
};

/**
 * What a new ticket needs from the database besides its own row: the database clock (both SLA
 * clocks start from it), the matrix's priority for this impact and urgency, that priority's SLA
 * target and, when no group was chosen, the Service Desk group. A missing matrix cell or target
 * falls back to the defaults, as lookupPriority and loadSlaTarget do.
 *
 * When the caller already read the database clock for this request (`at`: a program's request,
 * whose token check reads it) and writes outside a transaction, the settings come from this
 * process's copy (creation-settings.ts) and nothing is read here: the insert then checks the
 * copy's version (`settingsVersion`). Otherwise they are read in one round trip, on `pg` (a
 * prepared statement, server/db/sql.ts) unless `db` is a transaction.
 */
export async function loadCreationContext(
  db: DbOrTx,
  impact: number,
  urgency: number,
  withServiceDesk: boolean,
  at?: Date,
): Promise<CreationContext> {
  if (at && isClient(db)) {
    const settings = await cachedCreationSettings(db);
    const priority = priorityFor(settings.matrix, impact, urgency);
    return {
      now: at,
      priority,
      target: settings.targets[priority],
      serviceDesk: withServiceDesk ? settings.serviceDesk : null,
      settingsVersion: settings.version,
    };
  }
  const fallback = priorityFor(DEFAULT_PRIORITY_MATRIX, impact, urgency);
  const rows = await sqlOutsideTransaction(db).rows<{
    now: Date;
    priority: Priority;
    responseMinutes: number | null;
    resolutionMinutes: number | null;
    aroundTheClock: boolean | null;
    deskId: string | null;
    deskName: string | null;
  }>(Prisma.sql`
    with p as (select coalesce((select m."priority" from "PriorityMatrix" m where m."impact" = ${impact} and
      m."urgency" = ${urgency}), ${fallback}::"Priority") as priority),
         d as (select g."id", g."name" from "Group" g where ${withServiceDesk} and g."name" ilike
           ${SERVICE_DESK} limit 1)
    select now() as now, p.priority::text as priority, s."responseMinutes", s."resolutionMinutes",
      s."aroundTheClock", d."id" as "deskId", d."name" as "deskName"
    from p left join "SlaTarget" s on s."priority" = p.priority left join d on true`);
  const row = rows[0]!;
  const target: SlaTargetRow =
    row.responseMinutes === null || row.resolutionMinutes === null || row.aroundTheClock === null
      ? DEFAULT_SLA_TARGETS[row.priority]
      : {
          priority: row.priority,
          responseMinutes: row.responseMinutes,
          resolutionMinutes: row.resolutionMinutes,
          aroundTheClock: row.aroundTheClock,
        };
  return {
    now: row.now,
    priority: row.priority,
    target,
    serviceDesk: row.deskId && row.deskName ? { id: row.deskId, name: row.deskName } : null,
  };
}
