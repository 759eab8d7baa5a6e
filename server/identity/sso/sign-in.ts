import "server-only";
import type { Db } from "../../db/client";
import type { Role } from "../../db/generated/enums";
import { inTransaction, isUniqueViolation, type Tx } from "../../db/transaction";
import { lockEntitlement, lockUsers } from "../../licensing/allocation";
import { applyLicenseRules } from "../rules/apply";
import type { SsoConfig } from "./config";
import type { SsoErrorCode } from "@/lib/auth/sso-messages";

/*
 * A person signing in through the OpenID provider: found by the configured immutable id (the
 * subject, or the employee-id claim), never by an email the provider did not verify; a verified
 * email links a person seatdesk already knows once, after which the subject decides. What the
 * provider says (name, email, job code, department, groups, employee type) updates the person at
 * each sign-in, and the license rules are applied to them, all in one transaction. Refusals are
 * error codes the sign-in page explains (lib/auth/sso-messages.ts).
 */

export class SsoRefusal extends Error {
  constructor(public readonly code: SsoErrorCode) {
    super(code);
  }
}

export type Claims = Record<string, unknown>;
export type SsoPerson = { id: string; email: string; name: string; role: Role };

const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : typeof v === "number" ? String(v) : null);
const list = (v: unknown) =>
  Array.isArray(v) ? v.map(str).filter((x): x is string => x !== null) : str(v) ? [str(v)!] : [];

/** Finds, creates or updates the person of these ID-token/userinfo claims; applies the license rules. */
export async function signInWithClaims(db: Db, config: SsoConfig, claims: Claims): Promise<SsoPerson> {
  const idValue = str(claims[config.claims.id]);
  if (!idValue) throw new SsoRefusal("SsoNoIdentity");
  // The id claim is the employee id (matched with User.externalId, as SCIM's employeeNumber), or a
  // provider's own immutable id (sub, Entra's oid), kept as issuer|value.
  const bySubject = config.claims.id !== config.claims.employeeId;
  const subject = `${config.issuer}|${idValue}`;
  const email = str(claims.email)?.toLowerCase() ?? null;
  const verified = claims.email_verified === true || claims.email_verified === "true";
  const employeeId = bySubject ? str(claims[config.claims.employeeId]) : idValue;
  const data = {
    name: str(claims.name) ?? ([str(claims.given_name), str(claims.family_name)].filter(Boolean).join(" ") || email),
    jobCode: str(claims[config.claims.jobCode]),
    department: str(claims[config.claims.department]),
  };
  const identity = {
    groups: list(claims[config.claims.groups]),
    employeeType: str(claims[config.claims.employeeType]),
    ...(bySubject ? { oidcSubject: subject } : {}),
  };

  try {
    return await inTransaction(db, async (tx) => {
      await lockEntitlement(tx); // lock order: Entitlement, then the person
      const found = bySubject
        ? await tx.userIdentity.findUnique({ where: { oidcSubject: subject }, select: { userId: true } })
        : await tx.user
            .findUnique({ where: { externalId: idValue }, select: { id: true } })
            .then((u) => u && { userId: u.id });
      let userId = found?.userId ?? null;
      if (!userId && email && verified) userId = await linkByVerifiedEmail(tx, email, bySubject);
      if (!userId) {
        if (!config.createUsers) throw new SsoRefusal("SsoUnknownPerson");
        if (!email) throw new SsoRefusal("SsoNoEmail");
        const created = await tx.user.create({
          data: {
            email,
            name: data.name ?? email,
            role: "END_USER",
            passwordHash: "!sso",
            jobCode: data.jobCode,
            department: data.department,
            externalId: employeeId,
          },
          select: { id: true },
        });
        userId = created.id;
      } else {
        const person = (await lockUsers(tx, [userId])).get(userId)!;
        if (!person.active) throw new SsoRefusal("SsoDisabled");
        await tx.user.update({
          where: { id: userId },
          data: {
            ...data,
            name: data.name ?? person.name,
            // The email follows the provider only when it vouches for it.
            ...(email && verified ? { email } : {}),
            ...(employeeId ? { externalId: employeeId } : {}),
          },
        });
      }
      await tx.userIdentity.upsert({ where: { userId }, create: { userId, ...identity }, update: identity });
      await applyLicenseRules(tx, { actorId: null, source: "single sign-on" }, { userIds: [userId] });
      return tx.user.findUniqueOrThrow({
        where: { id: userId },
        select: { id: true, email: true, name: true, role: true },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new SsoRefusal("SsoEmailTaken");
    throw error;
  }
}

/** A known person with this (provider-verified) email, not yet linked to another subject. */
async function linkByVerifiedEmail(tx: Tx, email: string, bySubject: boolean): Promise<string | null> {
  const user = await tx.user.findUnique({
    where: { email },
    select: { id: true, identity: { select: { oidcSubject: true } } },
  });
  if (!user) return null;
  if (bySubject && user.identity?.oidcSubject) return null; // someone else's subject holds it
  return user.id;
}
