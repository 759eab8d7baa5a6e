import { redirect } from "next/navigation";
import { requireArea } from "@/server/auth/require-area";
import { homeFor } from "@/lib/auth/roles";
import { AppHeader } from "@/components/layout/app-header";

const PORTAL_NAV = [
  { href: "/portal", label: "My tickets" },
  { href: "/portal/new?type=INCIDENT", label: "Report a problem" },
  { href: "/portal/new?type=REQUEST", label: "Ask for something" },
  { href: "/portal/knowledge", label: "Knowledge base" },
  { href: "/portal/settings", label: "Mail settings" },
  { href: "/portal/approvals", label: "My approvals" },
];

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const { allowed, session } = await requireArea("portal");
  // Report viewers raise no tickets: they go to their reports (the procedures refuse them too).
  if (!allowed) redirect(homeFor(session.user.role));
  return (
    <>
      <AppHeader area="Self-service" home="/portal" user={session.user} nav={PORTAL_NAV} />
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </>
  );
}
