import "server-only";
import { Prisma } from "../db/generated/client";
import type { Priority } from "../db/generated/enums";
import type { Db } from "../db/client";
import { sqlOutsideTransaction } from "../db/sql";
import { SERVICE_DESK, type GroupRef } from "./assignment";
import { priorityMatrixOf, type PriorityMatrixMap } from "./priority";
import { DEFAULT_SLA_TARGETS, type SlaTargetRow } from "./sla/load-calendar";

/*
 * What a new ticket's priority and SLA follow from (the priority matrix, the SLA targets and the
 * Service Desk group), kept per client in this process so a program's ticket creation needs no
 * round trip to read them. The copy is never trusted blindly: it was read with the settings'
 * version (table SettingsVersion, which triggers advance in every transaction that changes them:
 * prisma/sql-extras.sql), and the creation's own insert checks that version
 * (creationSettingsGuard). A changed version makes the insert fail with SDV01 and write nothing;
 * the creation then reads the settings again and retries, so an administrator's edit on any app
 * instance applies to the very next ticket, as when nothing was cached.
 */

const SETTING = "ticket-creation";
/** The SQLSTATE settings_version_is raises when the settings changed since the copy was read. */
const STALE_SETTINGS = "SDV01";

export type CreationSettings = {
  /** The version the copy was read with (null: no version row yet). */
  version: bigint | null;
  matrix: PriorityMatrixMap;
  targets: Record<Priority, SlaTargetRow>;
  serviceDesk: GroupRef | null;
};

const copies = new WeakMap<Db, Promise<CreationSettings>>();

/** This process's copy of the settings for `db`'s database, read once (and again after forgetCreationSettings). */
export function cachedCreationSettings(db: Db): Promise<CreationSettings> {
  let copy = copies.get(db);
  if (!copy) {
    copy = readCreationSettings(db);
    copies.set(db, copy);
    // A failed read is not kept: the next creation tries again.
    copy.catch(() => copies.delete(db));
  }
  return copy;
}

/** Drops the copy (its version no longer matched): the next creation reads the settings again. */
export function forgetCreationSettings(db: Db): void {
  copies.delete(db);
}

/** A condition that fails the statement (SDV01) unless the settings are still at `version`. */
export function creationSettingsGuard(version: bigint | null): Prisma.Sql {
  return Prisma.sql`settings_version_is(${SETTING}::text, ${version}::bigint)`;
}

export function isStaleSettingsError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === STALE_SETTINGS;
}

/** The settings and their version in one statement, so both come from the same snapshot. */
async function readCreationSettings(db: Db): Promise<CreationSettings> {
  const [row] = await sqlOutsideTransaction(db).rows<{
    version: bigint | null;
    matrix: { impact: number; urgency: number; priority: Priority }[];
    targets: SlaTargetRow[];
    desk: GroupRef | null;
  }>(Prisma.sql`
    select (select v."version" from "SettingsVersion" v where v."name" = ${SETTING}) as version,
      coalesce((select json_agg(json_build_object('impact', m."impact", 'urgency', m."urgency",
        'priority', m."priority")) from "PriorityMatrix" m), '[]'::json) as matrix,
      coalesce((select json_agg(json_build_object('priority', s."priority", 'responseMinutes', s."responseMinutes",
        'resolutionMinutes', s."resolutionMinutes", 'aroundTheClock', s."aroundTheClock")) from "SlaTarget" s),
        '[]'::json) as targets,
      (select json_build_object('id', g."id", 'name', g."name") from "Group" g where g."name" ilike ${SERVICE_DESK}
        limit 1) as desk`);
  const targets = { ...DEFAULT_SLA_TARGETS };
  for (const target of row!.targets) targets[target.priority] = target;
  return { version: row!.version, matrix: priorityMatrixOf(row!.matrix), targets, serviceDesk: row!.desk };
}
