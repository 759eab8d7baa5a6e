import type { Db } from "../server/db/client";
import { inTransaction } from "../server/db/transaction";
import { hashPassword } from "../server/auth/password";
import { DEPARTMENTS, demoName } from "./demo-names";
import { seedDemoTickets } from "./demo/tickets";
import { seedDemoSeatHistory } from "./demo/seat-history";
import { seedDemoKnowledge } from "./demo/knowledge";
import { devLicensePublicKey, devSignedLicense } from "./demo/dev-license";
import { verifyLicenseFile } from "../server/licensing/license-file/codec";
import { grantsOf, licenseFileRow } from "../server/licensing/license-file/install";

/**
 * The demo organisation: the IT department of the product brief. 1 administrator, 7 service
 * desk agents on named seats, 20 specialists sharing a pool of 4 concurrent seats, and 1,500
 * end users. Every password is DEMO_PASSWORD. Created only on purpose (`npm run db:seed`, or
 * `npm start` on an empty database).
 */
export const DEMO_PASSWORD = "seatdesk";
export const DEMO_DOMAIN = "acme.test";

const SPECIALIST_GROUPS = [
  { name: "Network", description: "LAN, WAN, Wi-Fi, VPN and firewalls", from: 1, to: 5 },
  { name: "Applications", description: "Business applications and SaaS", from: 6, to: 12 },
  { name: "Infrastructure", description: "Servers, storage, backup and cloud", from: 13, to: 17 },
  { name: "Security", description: "Identity, access and incident response", from: 18, to: 20 },
];

const pad = (n: number, width: number) => String(n).padStart(width, "0");

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await db.user.count()) === 0;
}

export async function seedDemoOrganisation(db: Db, log: (line: string) => void = () => {}): Promise<void> {
  const started = Date.now();
  // One slow hash for the shared demo password: hashing 1,529 times would take a minute.
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await inTransaction(
    db,
    async (tx) => {
      await tx.user.create({
        data: {
          email: `admin@${DEMO_DOMAIN}`,
          name: "Morgan Reyes",
          role: "ADMIN",
          passwordHash,
          jobCode: "IT-MGR",
          department: "IT",
          externalId: "EMP-0001",
        },
      });
      // The CFO reads the license and service reports, and never needs a seat.
      await tx.user.create({
        data: {
          email: `cfo@${DEMO_DOMAIN}`,
          name: "Avery Lindqvist",
          role: "REPORT_VIEWER",
          passwordHash,
          jobCode: "FIN-CFO",
          department: "Finance",
          externalId: "EMP-0002",
        },
      });

      const desk = await tx.group.create({
        data: { name: "Service Desk", description: "First line: every ticket starts here" },
      });
      const deskAgents = Array.from({ length: 7 }, (_, i) => ({
        email: `desk${pad(i + 1, 2)}@${DEMO_DOMAIN}`,
        name: demoName(1000 + i),
        role: "AGENT" as const,
        passwordHash,
        jobCode: "IT-SD",
        department: "IT",
        externalId: `EMP-1${pad(i + 1, 3)}`,
      }));
      const specialists = Array.from({ length: 20 }, (_, i) => ({
        email: `spec${pad(i + 1, 2)}@${DEMO_DOMAIN}`,
        name: demoName(2000 + i),
        role: "AGENT" as const,
        passwordHash,
        jobCode: "IT-SPEC",
        department: "IT",
        externalId: `EMP-2${pad(i + 1, 3)}`,
      }));
      await tx.user.createMany({ data: [...deskAgents, ...specialists] });
      const agents = await tx.user.findMany({ where: { role: "AGENT" }, select: { id: true, email: true } });
      const idOf = (email: string) => agents.find((a) => a.email === email)!.id;

      await tx.groupMember.createMany({ data: deskAgents.map((a) => ({ groupId: desk.id, userId: idOf(a.email) })) });
      for (const g of SPECIALIST_GROUPS) {
        const group = await tx.group.create({ data: { name: g.name, description: g.description } });
        const members = Array.from({ length: g.to - g.from + 1 }, (_, k) =>
          idOf(`spec${pad(g.from + k, 2)}@${DEMO_DOMAIN}`),
        );
        await tx.groupMember.createMany({ data: members.map((userId) => ({ groupId: group.id, userId })) });
      }

      // Seats, as the brief recommends: 7 named for the desk, 4 concurrent shared by 20 specialists,
      // from a development-signed license file (with a few licenses of each premium module).
      const license = devSignedLicense();
      const verified = verifyLicenseFile(license, devLicensePublicKey());
      const grants = grantsOf(verified.payload, verified.keyFingerprint);
      await tx.licenseFile.create({ data: licenseFileRow(grants, license, null) });
      await tx.entitlement.create({
        data: { id: 1, namedSeats: grants.namedSeats, concurrentSeats: grants.concurrentSeats },
      });
      // Exclusive module licenses: a few desk agents and specialists work problems and changes;
      // the others can read those tickets but not work them.
      const moduleHolders = {
        problem: ["desk05", "desk06", "spec01"],
        change: ["desk06", "spec01", "spec02"],
      } as const;
      await tx.moduleLicense.createMany({
        data: Object.entries(moduleHolders).flatMap(([module, holders]) =>
          holders.map((h) => ({
            userId: idOf(`${h}@${DEMO_DOMAIN}`),
            module: module as keyof typeof moduleHolders,
            reason: "demo organisation",
          })),
        ),
      });
      const pool = await tx.seatPool.create({ data: { name: "Specialists", size: 4, idleTimeoutSeconds: 30 * 60 } });
      await tx.seatAssignment.createMany({
        data: [
          ...deskAgents.map((a) => ({ userId: idOf(a.email), kind: "NAMED" as const })),
          ...specialists.map((s) => ({ userId: idOf(s.email), kind: "CONCURRENT" as const, poolId: pool.id })),
        ],
      });

      const endUsers = Array.from({ length: 1500 }, (_, i) => {
        const dept = DEPARTMENTS[i % DEPARTMENTS.length]!;
        return {
          email: `user${pad(i + 1, 4)}@${DEMO_DOMAIN}`,
          name: demoName(i),
          role: "END_USER" as const,
          passwordHash,
          department: dept.name,
          jobCode: dept.jobCodes[i % dept.jobCodes.length]!,
          externalId: `EMP-5${pad(i + 1, 4)}`,
        };
      });
      await tx.user.createMany({ data: endUsers });
    },
    { kind: "seed" },
  );

  log(
    `Demo organisation created in ${((Date.now() - started) / 1000).toFixed(1)} s: 1 admin, 1 report ` +
      `viewer, 27 agents, 1,500 end users.`,
  );
  await seedDemoTickets(db, log);
  await seedDemoSeatHistory(db, log);
  await seedDemoKnowledge(db, DEMO_DOMAIN, log);
}

export const DEMO_SIGN_INS = [
  { who: "Administrator", email: `admin@${DEMO_DOMAIN}` },
  { who: "Report viewer (the CFO)", email: `cfo@${DEMO_DOMAIN}` },
  { who: "Service desk agents (named seats)", email: `desk01@${DEMO_DOMAIN} … desk07@${DEMO_DOMAIN}` },
  { who: "Specialists (pool of 4 seats)", email: `spec01@${DEMO_DOMAIN} … spec20@${DEMO_DOMAIN}` },
  { who: "End users", email: `user0001@${DEMO_DOMAIN} … user1500@${DEMO_DOMAIN}` },
];
