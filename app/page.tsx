import { redirect } from "next/navigation";
import { getSessionEvenIfEnrolling } from "@/server/auth/current-user";
import { homeFor } from "@/lib/auth/roles";

export const dynamic = "force-dynamic";

/** The front door: each person to their home, everyone else to sign-in. */
export default async function Root() {
  const session = await getSessionEvenIfEnrolling();
  if (session?.mfaEnrolmentRequired) redirect("/account/security");
  redirect(session ? homeFor(session.user.role) : "/sign-in");
}
