import type { Db } from "@/server/db/client";
import type { Role } from "@/server/db/generated/enums";
import type { ValidSession } from "@/server/auth/auth-sessions";
import { createNamedAgent, createPool, createUser, signIn } from "@/test/factories";
import { createGroupWith } from "@/test/tickets";
import { callerFor } from "@/test/trpc";
import type { KnownValues } from "./arbitraries";

/*
 * The fuzz tests' world: one person per role (the agent with a named seat, so seat-gated writes
 * run), a few tickets, a group, a pool and an article, whose ids and numbers the generated
 * inputs use so valid-looking calls reach past "not found".
 */
export type Audience = "ANONYMOUS" | Role;
export const AUDIENCES: readonly Audience[] = ["ANONYMOUS", "END_USER", "AGENT", "ADMIN", "REPORT_VIEWER"];

export type FuzzWorld = { sessions: Record<Audience, ValidSession | null>; known: KnownValues };

export async function buildFuzzWorld(db: Db): Promise<FuzzWorld> {
  const endUser = await createUser(db, { role: "END_USER" });
  const agent = await createNamedAgent(db);
  const admin = await createUser(db, { role: "ADMIN" });
  const viewer = await createUser(db, { role: "REPORT_VIEWER" });
  const victim = await createUser(db, { role: "AGENT" });
  await db.entitlement.upsert({
    where: { id: 1 },
    create: { id: 1, namedSeats: 5, concurrentSeats: 5 },
    update: { namedSeats: 5, concurrentSeats: 5 },
  });
  const group = await createGroupWith(db, `Fuzz group ${Date.now()}`, [agent]);
  const pool = await createPool(db, { size: 2 });
  const sessions: Record<Audience, ValidSession | null> = {
    ANONYMOUS: null,
    END_USER: await signIn(db, endUser.id),
    AGENT: await signIn(db, agent.id),
    ADMIN: await signIn(db, admin.id),
    REPORT_VIEWER: await signIn(db, viewer.id),
  };
  const refs: string[] = [];
  const ids: string[] = [victim.id, group.id, pool.id];
  const portal = callerFor(db, sessions.END_USER).portalTickets;
  for (const type of ["INCIDENT", "REQUEST"] as const) {
    const ticket = await portal.create({ type, title: `Fuzz ${type}`, description: "Made for the fuzz test." });
    refs.push(ticket.displayNumber);
    ids.push(ticket.id);
  }
  const article = await callerFor(db, sessions.AGENT).consoleKnowledge.create({
    title: "Fuzz article",
    body: "Text with a link https://x.test/) and enough words to be an article.",
    status: "PUBLISHED",
  });
  ids.push(article.id);
  return { sessions, known: { ids, refs } };
}
