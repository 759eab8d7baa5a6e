import { requireArea } from "@/server/auth/require-area";
import { AppHeader, type NavItem } from "@/components/layout/app-header";
import { NotForYou } from "@/components/layout/not-for-you";
import { mayEnter } from "@/lib/auth/roles";

const REPORTS_NAV: NavItem[] = [
  { href: "/reports", label: "Usage" },
  { href: "/reports/optimizer", label: "Optimizer" },
  { href: "/reports/api", label: "API use" },
];

/**
 * The license reports: administrators and report viewers (a CFO who needs the numbers but no
 * agent license). Nothing here checks out a seat; the procedures check the role again.
 */
export default async function ReportsLayout({ children }: { children: React.ReactNode }) {
  const { allowed, session } = await requireArea("reports");
  if (!allowed) return <NotForYou area="reports" user={session.user} />;
  const nav = mayEnter("admin", session.user.role)
    ? [...REPORTS_NAV, { href: "/admin", label: "Administration" }]
    : REPORTS_NAV;
  return (
    <>
      <AppHeader area="Reports" home="/reports" user={session.user} nav={nav} />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
