import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionEvenIfEnrolling } from "./current-user";
import { mayEnter, type Area } from "@/lib/auth/roles";
import type { ValidSession } from "./auth-sessions";

export type AreaAccess = { allowed: boolean; session: ValidSession };

/**
 * The door of an area's pages (portal, console, admin, reports), with the roles of
 * lib/auth/roles.ts: no valid session sends the visitor to sign-in and back; a valid session of
 * the wrong role is `allowed: false` (the layout says "not for you", or sends the person home).
 */
export async function requireArea(area: Area): Promise<AreaAccess> {
  const session = await getSessionEvenIfEnrolling();
  // Required to use a second factor and none set up yet: that comes before anything else.
  if (session?.mfaEnrolmentRequired) redirect("/account/security");
  if (!session) {
    const path = (await headers()).get("x-seatdesk-path") ?? `/${area}`;
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  return { allowed: mayEnter(area, session.user.role), session };
}

/**
 * The same door for a server page that reads data or names the person itself: Next renders a
 * page beside its layout (and alone when the browser moves between pages under one layout), so
 * a page must not rely on its layout's check. Null when refused: the page renders nothing, and
 * the layout says "not for you" (or sends the person home). In a page, one line:
 * `const session = await requirePageArea("admin"); if (!session) return null;`
 */
export async function requirePageArea(area: Area): Promise<ValidSession | null> {
  const { allowed, session } = await requireArea(area);
  return allowed ? session : null;
}
