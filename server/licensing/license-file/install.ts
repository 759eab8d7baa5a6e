import "server-only";
import { Prisma } from "../../db/generated/client";
import { inTransaction, type DbOrTx, type Tx } from "../../db/transaction";
import { runnerFor, type SqlTarget } from "../../db/sql";
import { AppError } from "../../errors";
import { LICENSE_MODULES, type LicenseFileInput, type LicensePayload } from "@/lib/validation/license-file";
import { moduleName, modulesAssigned } from "../modules/module-licenses";
import { lockEntitlement, recordAdminAction, type AdminActor } from "../allocation";
import { assertOwnsWhatIsGivenOut } from "../entitlement";
import { LicenseFileError, verifyLicenseFile } from "./codec";
import { formatUtc, graceEnd, licenseStanding, standingMessage, type LicenseStanding } from "./standing";
import { trustedLicenseKey } from "./trusted-key";

/*
 * Installing a license file (../shared/licensing.md, "The license file"): the only way what the
 * organisation owns changes. The file is verified against the trusted key, judged by the database
 * clock, and checked against what is already given out; then it is kept (LicenseFile), its seat
 * numbers are copied to the Entitlement row that every seat limit reads, and the change is
 * recorded as a seat event (the administrators' audit log keeps the call too).
 */

export type LicenseGrants = {
  licenseId: string;
  customer: string;
  namedSeats: number;
  concurrentSeats: number;
  modules: LicensePayload["modules"];
  issuedAt: Date;
  validFrom: Date;
  validUntil: Date;
  graceDays: number;
  graceEndsAt: Date;
  keyFingerprint: string;
};

export type InstalledLicense = LicenseGrants & {
  installedAt: Date;
  installedByName: string | null;
  standing: LicenseStanding;
  message: string;
};

export function grantsOf(payload: LicensePayload, keyFingerprint: string): LicenseGrants {
  const dates = {
    validFrom: new Date(payload.validFrom),
    validUntil: new Date(payload.validUntil),
    graceDays: payload.graceDays,
  };
  return {
    licenseId: payload.licenseId,
    customer: payload.customer,
    namedSeats: payload.namedSeats,
    concurrentSeats: payload.concurrentSeats,
    modules: payload.modules,
    issuedAt: new Date(payload.issuedAt),
    ...dates,
    graceEndsAt: graceEnd(dates),
    keyFingerprint,
  };
}

/** The LicenseFile row of a verified file (the seed stores the demo's with it too). */
export function licenseFileRow(
  grants: LicenseGrants,
  text: string,
  installedBy: { id: string; name: string } | null,
): Prisma.LicenseFileCreateInput {
  const g = grants;
  return {
    licenseId: g.licenseId,
    customer: g.customer,
    namedSeats: g.namedSeats,
    concurrentSeats: g.concurrentSeats,
    modules: g.modules,
    issuedAt: g.issuedAt,
    validFrom: g.validFrom,
    validUntil: g.validUntil,
    graceDays: g.graceDays,
    keyFingerprint: g.keyFingerprint,
    text,
    installedById: installedBy?.id ?? null,
    installedByName: installedBy?.name ?? null,
  };
}

async function databaseNow(db: SqlTarget): Promise<Date> {
  const [row] = await runnerFor(db).rows<{ now: Date }>(Prisma.sql`select now() as now`);
  return row!.now;
}

/** Verifies a file and says what it grants, refusing what cannot be installed (field "text"). */
function verifiedGrants(text: string, now: Date): LicenseGrants & { standing: LicenseStanding } {
  let grants: LicenseGrants;
  try {
    const verified = verifyLicenseFile(text, trustedLicenseKey());
    grants = grantsOf(verified.payload, verified.keyFingerprint);
  } catch (error) {
    if (error instanceof LicenseFileError)
      throw new AppError("BAD_REQUEST", error.message, { license: error.problem }, "text");
    throw error;
  }
  const standing = licenseStanding(grants, now);
  if (standing.state === "not-yet-valid")
    throw new AppError("BAD_REQUEST", standingMessage(standing), { license: "not-yet-valid" }, "text");
  if (standing.state === "grace" || standing.state === "lapsed")
    throw new AppError(
      "BAD_REQUEST",
      `This license expired on ${formatUtc(standing.endedAt)}: install a license that is still valid.`,
      { license: "expired" },
      "text",
    );
  return { ...grants, standing };
}

/** A license granting fewer module licenses than are given out is refused with the numbers. */
async function assertModulesWithinGrant(tx: Tx, granted: LicensePayload["modules"]): Promise<void> {
  const assigned = await modulesAssigned(tx);
  for (const m of LICENSE_MODULES) {
    if (granted[m] < assigned[m])
      throw new AppError(
        "CONFLICT",
        `${assigned[m]} ${moduleName(m)} licenses are assigned, but this license grants ` +
          `only ${granted[m]}. Remove ${assigned[m] - granted[m]} first.`,
        { module: m, assigned: assigned[m], granted: granted[m] },
        "text",
      );
  }
}

/** What a file would grant, without installing it (the admin form shows it before saving). */
export async function previewLicenseFile(
  db: DbOrTx,
  input: LicenseFileInput,
): Promise<LicenseGrants & { message: string }> {
  const { standing, ...grants } = verifiedGrants(input.text, await databaseNow(db));
  return { ...grants, message: standingMessage(standing) };
}

export async function installLicenseFile(
  db: DbOrTx,
  actor: AdminActor,
  input: LicenseFileInput,
): Promise<InstalledLicense> {
  return inTransaction(db, async (tx) => {
    const before = await lockEntitlement(tx);
    const { standing, ...grants } = verifiedGrants(input.text, await databaseNow(tx));
    await assertOwnsWhatIsGivenOut(tx, grants);
    await assertModulesWithinGrant(tx, grants.modules);
    const installer = await tx.user.findUnique({ where: { id: actor.actorId }, select: { id: true, name: true } });
    const row = await tx.licenseFile.create({
      data: licenseFileRow(grants, input.text, installer),
      select: { installedAt: true, installedByName: true },
    });
    await tx.entitlement.update({
      where: { id: 1 },
      data: { namedSeats: grants.namedSeats, concurrentSeats: grants.concurrentSeats },
    });
    await recordAdminAction(tx, actor, {
      action: "license.install",
      before: { ...before },
      after: {
        licenseId: grants.licenseId,
        customer: grants.customer,
        namedSeats: grants.namedSeats,
        concurrentSeats: grants.concurrentSeats,
        modules: grants.modules,
        validUntil: grants.validUntil.toISOString(),
        graceDays: grants.graceDays,
      },
    });
    return { ...grants, ...row, standing, message: standingMessage(standing) };
  });
}

const INSTALLED_COLUMNS = {
  licenseId: true,
  customer: true,
  namedSeats: true,
  concurrentSeats: true,
  modules: true,
  issuedAt: true,
  validFrom: true,
  validUntil: true,
  graceDays: true,
  keyFingerprint: true,
  installedAt: true,
  installedByName: true,
} as const;

/** The license in force (the latest installed) and where it stands; null before the first install. */
export async function currentLicense(db: DbOrTx): Promise<InstalledLicense | null> {
  const [row, now] = await Promise.all([
    db.licenseFile.findFirst({ orderBy: [{ installedAt: "desc" }, { id: "desc" }], select: INSTALLED_COLUMNS }),
    databaseNow(db),
  ]);
  if (!row) return null;
  const modules = row.modules as LicensePayload["modules"];
  const standing = licenseStanding(row, now);
  return { ...row, modules, graceEndsAt: graceEnd(row), standing, message: standingMessage(standing) };
}

/**
 * Refuses a change to a ticket once the license in force has lapsed (validity and grace over), in
 * the transaction of the write, by the database clock. Before any file was installed nothing is
 * owned (0 seats), so there is nothing to refuse here.
 */
export async function assertLicenseInForce(tx: SqlTarget): Promise<void> {
  const [row] = await runnerFor(tx).rows<{ validFrom: Date; validUntil: Date; graceDays: number; now: Date }>(
    Prisma.sql`select "validFrom", "validUntil", "graceDays", now() as now from "LicenseFile"
      order by "installedAt" desc, id desc limit 1`,
  );
  if (!row) return;
  const standing = licenseStanding(row, row.now);
  if (standing.state === "lapsed")
    throw new AppError("FORBIDDEN", `${standingMessage(standing)} Nothing was lost.`, { license: "lapsed" });
}
