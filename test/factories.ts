import { randomBytes } from "node:crypto";
import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";
import { createAuthSession, findValidSession, type ValidSession } from "@/server/auth/auth-sessions";

/** Test data with unique names, made through the same tables the app uses. */
const unique = () => randomBytes(4).toString("hex");

// A fixed argon2id hash of "password" keeps factories fast; sign-in tests hash their own.
export const KNOWN_PASSWORD = "password";
let passwordHash: string | undefined;
async function knownHash() {
  if (!passwordHash) {
    const { hashPassword } = await import("@/server/auth/password");
    passwordHash = await hashPassword(KNOWN_PASSWORD);
  }
  return passwordHash;
}

export async function createUser(db: Db, input: { role?: Role; name?: string; email?: string; active?: boolean } = {}) {
  const id = unique();
  return db.user.create({
    data: {
      email: input.email ?? `u-${id}@test.local`,
      name: input.name ?? `Person ${id}`,
      role: input.role ?? "END_USER",
      active: input.active ?? true,
      passwordHash: await knownHash(),
    },
  });
}

export async function createPool(db: Db, input: { size: number; idleTimeoutSeconds?: number; name?: string }) {
  return db.seatPool.create({
    data: {
      name: input.name ?? `Pool ${unique()}`,
      size: input.size,
      idleTimeoutSeconds: input.idleTimeoutSeconds ?? 1800,
    },
  });
}

/** n agents, members of the pool. */
export async function createPoolMembers(db: Db, poolId: string, n: number) {
  const agents = [];
  for (let i = 0; i < n; i++) {
    const agent = await createUser(db, { role: "AGENT" });
    await db.seatAssignment.create({ data: { userId: agent.id, kind: "CONCURRENT", poolId } });
    agents.push(agent);
  }
  return agents;
}

export async function createNamedAgent(db: Db, role: Role = "AGENT") {
  const agent = await createUser(db, { role });
  await db.seatAssignment.create({ data: { userId: agent.id, kind: "NAMED" } });
  return agent;
}

/** A signed-in session for the person, as the sign-in would create it. */
export async function signIn(db: Db, userId: string): Promise<ValidSession> {
  const sessionId = await createAuthSession(db, { userId, maxAgeSeconds: 3600 });
  return (await findValidSession(db, sessionId))!;
}
