import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionEvenIfEnrolling } from "./current-user";
import { AREA_ROLES } from "./home";
import type { ValidSession } from "./auth-sessions";

export type AreaAccess = { allowed: true; session: ValidSession } | { allowed: false; session: ValidSession };

/**
 * For the layout of an area (portal, console, admin): no valid session sends the visitor to
 * sign-in and back; a valid session of the wrong role gets "not for you" (rendered by the layout).
 */
export async function requireArea(area: keyof typeof AREA_ROLES): Promise<AreaAccess> {
  const session = await getSessionEvenIfEnrolling();
  // Required to use a second factor and none set up yet: that comes before anything else.
  if (session?.mfaEnrolmentRequired) redirect("/account/security");
  if (!session) {
    const path = (await headers()).get("x-seatdesk-path") ?? `/${area}`;
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  const allowed = (AREA_ROLES[area] as readonly string[]).includes(session.user.role);
  return { allowed, session };
}
