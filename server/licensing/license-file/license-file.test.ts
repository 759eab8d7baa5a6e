import { generateKeyPairSync } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "@/test/db";
import { createNamedAgent, createUser, signIn } from "@/test/factories";
import { adminEvents, newAdmin, resetSeats } from "@/test/allocation";
import { devSignedLicense } from "@/test/license";
import { callerFor } from "@/test/trpc";
import { refusal } from "@/test/tickets";
import type { Db } from "@/server/db/client";
import { licenseFileInput, LICENSE_FORMAT } from "@/lib/validation/license-file";
import { devLicensePublicKey } from "@/prisma/demo/dev-license";
import { decodeLicenseFile, encodeLicenseFile, signLicenseFile, verifyLicenseFile } from "./codec";
import { licenseStanding } from "./standing";
import { currentLicense, installLicenseFile, previewLicenseFile } from "./install";

/*
 * The signed license file (../../../shared/licensing.md, "The license file"): only a file signed
 * by the trusted key, byte for byte, is believed; its dates decide whether it installs and, once
 * installed, whether the console may still change anything.
 */

const DAY = 86_400_000;
const problemOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { problem?: string }).problem ?? String(error);
  }
  return null;
};

describe("the license file's signature", () => {
  const key = devLicensePublicKey();

  it("verifies a file the development key signed, and reads what it grants", () => {
    const { payload, keyFingerprint } = verifyLicenseFile(devSignedLicense({ namedSeats: 9 }), key);
    expect(payload).toMatchObject({ format: LICENSE_FORMAT, namedSeats: 9, concurrentSeats: 4 });
    expect(payload.modules).toEqual({ change: 3, problem: 3 });
    expect(keyFingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it("refuses a file with one byte of its payload changed", () => {
    const { payloadBytes, signature } = decodeLicenseFile(devSignedLicense({ namedSeats: 7 }));
    const text = payloadBytes.toString("utf8");
    const at = text.indexOf('"namedSeats": 7') + '"namedSeats": '.length;
    const tampered = Buffer.from(text.slice(0, at) + "9" + text.slice(at + 1), "utf8");
    expect(tampered.length).toBe(payloadBytes.length);
    expect(problemOf(() => verifyLicenseFile(encodeLicenseFile(tampered, signature), key))).toBe("bad-signature");
    // The same change of one bit of the signature.
    const flipped = Buffer.from(signature);
    flipped[10]! ^= 1;
    expect(problemOf(() => verifyLicenseFile(encodeLicenseFile(payloadBytes, flipped), key))).toBe("bad-signature");
  });

  it("refuses a file signed by another key, naming the key it trusts", () => {
    const other = generateKeyPairSync("ed25519");
    const genuine = verifyLicenseFile(devSignedLicense(), key).payload;
    const foreign = signLicenseFile(genuine, other.privateKey);
    expect(problemOf(() => verifyLicenseFile(foreign, key))).toBe("bad-signature");
    expect(() => verifyLicenseFile(foreign, key)).toThrow(/signed by another key than this installation trusts/);
  });

  it("tolerates whitespace added on the way: indents, CRLF, other line lengths, text around it", () => {
    const text = devSignedLicense();
    const rewrapped = text.replace(/\n/g, "\r\n   ").replace(/([A-Za-z0-9+/=]{20})/g, "$1 \n\t");
    const pasted = `Hello, here is your license:\n\n  ${rewrapped}\n\nKind regards, the vendor\n`;
    expect(verifyLicenseFile(pasted, key).payload.namedSeats).toBe(7);
  });

  it("says plainly when the text is not a license file, or is damaged", () => {
    expect(problemOf(() => verifyLicenseFile("namedSeats: 500", key))).toBe("not-a-license");
    expect(() => verifyLicenseFile("{}", key)).toThrow(/not a seatdesk license file/);
    const noSignature = devSignedLicense().replace(/-----BEGIN SEATDESK LICENSE SIGNATURE[\s\S]*/, "");
    expect(problemOf(() => verifyLicenseFile(noSignature, key))).toBe("malformed");
    const damaged = devSignedLicense().replace(/\n([A-Za-z])/, "\n!$1");
    expect(problemOf(() => verifyLicenseFile(damaged, key))).toBe("malformed");
  });

  it("refuses a genuine signature over something that is not a license payload", async () => {
    const { privateKey } = generateKeyPairSync("ed25519");
    const { sign } = await import("node:crypto");
    const bytes = Buffer.from('{"namedSeats": 1000}');
    const text = encodeLicenseFile(bytes, sign(null, bytes, privateKey));
    const { createPublicKey } = await import("node:crypto");
    expect(problemOf(() => verifyLicenseFile(text, createPublicKey(privateKey)))).toBe("invalid-payload");
  });

  it("accepts a paste with surrounding whitespace at the boundary, and refuses an empty or huge one", () => {
    expect(licenseFileInput.safeParse({ text: `\n\n  ${devSignedLicense()}  \n` }).success).toBe(true);
    expect(licenseFileInput.safeParse({ text: "   " }).error?.issues[0]?.message).toBe(
      "Paste or upload a license file",
    );
    expect(licenseFileInput.safeParse({ text: "x".repeat(9000) }).error?.issues[0]?.message).toMatch(/far longer/);
  });
});

describe("the license's dates", () => {
  const dates = {
    validFrom: new Date("2027-01-01T00:00:00Z"),
    validUntil: new Date("2028-01-01T00:00:00Z"),
    graceDays: 14,
  };
  const at = (iso: string) => licenseStanding(dates, new Date(iso)).state;

  it("is not valid before it starts, valid, then warns in its last 30 days", () => {
    expect(at("2026-12-31T23:59:59Z")).toBe("not-yet-valid");
    expect(at("2027-01-01T00:00:00Z")).toBe("valid");
    expect(at("2027-12-01T00:00:01Z")).toBe("valid");
    expect(licenseStanding(dates, new Date("2027-12-02T00:00:00Z"))).toMatchObject({
      state: "ending-soon",
      daysLeft: 30,
    });
  });

  it("then runs its grace period, then lapses", () => {
    expect(licenseStanding(dates, new Date("2028-01-01T00:00:00Z"))).toMatchObject({ state: "grace", daysLeft: 14 });
    expect(at("2028-01-14T23:59:59Z")).toBe("grace");
    expect(at("2028-01-15T00:00:00Z")).toBe("lapsed");
    expect(licenseStanding({ ...dates, graceDays: 0 }, new Date("2028-01-01T00:00:00Z")).state).toBe("lapsed");
  });
});

describe("installing a license file", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await createTestDatabase());
  });

  it("installs a valid file: what is owned follows it, and the change is a seat event", async () => {
    await resetSeats(db, { namedSeats: 0, concurrentSeats: 0 });
    const admin = await newAdmin(db);
    const actor = admin.actor();
    const installed = await installLicenseFile(db, actor, {
      text: devSignedLicense({ namedSeats: 12, concurrentSeats: 5, modules: { change: 2 } }),
    });
    expect(installed).toMatchObject({ namedSeats: 12, concurrentSeats: 5, modules: { change: 2, problem: 3 } });
    expect(installed.standing.state).toBe("valid");
    expect(await db.entitlement.findUnique({ where: { id: 1 } })).toMatchObject({ namedSeats: 12, concurrentSeats: 5 });
    expect(await currentLicense(db)).toMatchObject({ namedSeats: 12, installedByName: expect.any(String) });
    const [event] = await adminEvents(db, actor.requestId!);
    expect(event?.details).toMatchObject({
      action: "license.install",
      before: { namedSeats: 0, concurrentSeats: 0 },
      after: { namedSeats: 12, concurrentSeats: 5 },
    });
  });

  it("refuses files that are not yet valid or expired, with the reason, and keeps the one in force", async () => {
    const admin = await newAdmin(db);
    const before = await currentLicense(db);
    const now = Date.now();
    const future = devSignedLicense({ validFrom: new Date(now + 10 * DAY).toISOString() });
    expect(await refusal(installLicenseFile(db, admin.actor(), { text: future }))).toMatchObject({
      code: "BAD_REQUEST",
      field: "text",
      message: expect.stringMatching(/not valid yet: it starts on/),
    });
    const expired = devSignedLicense({
      validFrom: new Date(now - 400 * DAY).toISOString(),
      validUntil: new Date(now - 2 * DAY).toISOString(),
    });
    expect((await refusal(installLicenseFile(db, admin.actor(), { text: expired }))).message).toMatch(
      /^This license expired on .* UTC: install a license that is still valid\.$/,
    );
    expect((await refusal(previewLicenseFile(db, { text: expired }))).details).toEqual({ license: "expired" });
    const foreign = signLicenseFile(
      verifyLicenseFile(devSignedLicense({ namedSeats: 500 }), devLicensePublicKey()).payload,
      generateKeyPairSync("ed25519").privateKey,
    );
    expect((await refusal(installLicenseFile(db, admin.actor(), { text: foreign }))).details).toEqual({
      license: "bad-signature",
    });
    expect(await currentLicense(db)).toMatchObject({ licenseId: before!.licenseId, namedSeats: before!.namedSeats });
  });

  it("refuses a license that owns fewer seats than are given out, with the numbers", async () => {
    const admin = await newAdmin(db);
    await installLicenseFile(db, admin.actor(), { text: devSignedLicense({ namedSeats: 3, concurrentSeats: 0 }) });
    await createNamedAgent(db);
    await createNamedAgent(db);
    const error = await refusal(
      installLicenseFile(db, admin.actor(), { text: devSignedLicense({ namedSeats: 1, concurrentSeats: 0 }) }),
    );
    expect(error).toMatchObject({ code: "CONFLICT", details: { namedAssigned: 2, namedSeats: 1 } });
    expect(error.message).toBe("2 named seats are assigned, but this license grants only 1. Unassign 1 first.");
    expect((await db.entitlement.findUnique({ where: { id: 1 } }))?.namedSeats).toBe(3);
  });

  it("previews what a file grants without installing it", async () => {
    const count = await db.licenseFile.count();
    const preview = await previewLicenseFile(db, { text: devSignedLicense({ customer: "Preview Ltd" }) });
    expect(preview).toMatchObject({ customer: "Preview Ltd", message: expect.stringMatching(/^Valid until/) });
    expect(await db.licenseFile.count()).toBe(count);
  });
});

describe("after validity and grace, the console is read-only for everyone", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await createTestDatabase());
    await resetSeats(db, { namedSeats: 0, concurrentSeats: 0 });
    const admin = await newAdmin(db);
    await installLicenseFile(db, admin.actor(), { text: devSignedLicense({ namedSeats: 2, graceDays: 10 }) });
  });

  /** Moves the installed license's end so that `daysAgo` days have passed since it. */
  const endedDaysAgo = (daysAgo: number) =>
    db.$executeRaw`update "LicenseFile" set "validFrom" = now() - interval '400 days',
      "validUntil" = now() - make_interval(days => ${daysAgo}::int)`;

  it("keeps working in the grace period, then refuses every change to a ticket, while the portal works", async () => {
    const agent = await createNamedAgent(db);
    const requester = await createUser(db);
    const console_ = callerFor(db, await signIn(db, agent.id));
    const portal = callerFor(db, await signIn(db, requester.id));

    await endedDaysAgo(3);
    const inGrace = await console_.consoleTickets.create({ title: "In grace", requesterId: requester.id });
    expect(inGrace.displayNumber).toBeTruthy();

    await endedDaysAgo(11);
    const error = await console_.consoleTickets.create({ title: "After grace", requesterId: requester.id }).then(
      () => null,
      (e: unknown) => e as { code: string; message: string },
    );
    expect(error?.code).toBe("FORBIDDEN");
    expect(error?.message).toMatch(
      new RegExp(
        "grace period on .*: the console is read-only for everyone until an administrator installs a valid " +
          "license file\\. Nothing was lost\\.$",
      ),
    );
    expect(await db.ticket.count({ where: { title: "After grace" } })).toBe(0);
    // Reading the console, and the portal, still work.
    await expect(console_.consoleTickets.get({ ref: inGrace.displayNumber })).resolves.toBeTruthy();
    await expect(portal.portalTickets.create({ type: "INCIDENT", title: "Printer jammed" })).resolves.toBeTruthy();

    // A new, valid file lifts it at once.
    const admin = await newAdmin(db);
    await installLicenseFile(db, admin.actor(), { text: devSignedLicense({ namedSeats: 2 }) });
    await expect(console_.consoleTickets.create({ title: "Renewed", requesterId: requester.id })).resolves.toBeTruthy();
  });
});
