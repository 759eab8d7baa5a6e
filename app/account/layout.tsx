import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getSessionEvenIfEnrolling } from "@/server/auth/current-user";
import { homeFor } from "@/lib/auth/roles";
import { AppHeader } from "@/components/layout/app-header";

/** One's own account: for every signed-in person, whatever the role (no area of its own). */
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  // A session the MFA policy limits to enrolment is let in too: /account/security is where it
  // enrols (every procedure but mfa.* refuses it, so the password page can do nothing for it).
  const session = await getSessionEvenIfEnrolling();
  if (!session) {
    const path = (await headers()).get("x-seatdesk-path") ?? "/account/password";
    redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  }
  const home = homeFor(session.user.role);
  return (
    <>
      <AppHeader area="Account" home={home} user={session.user} nav={[{ href: home, label: "Back to work" }]} />
      <main className="mx-auto max-w-2xl px-4 py-8">{children}</main>
    </>
  );
}
