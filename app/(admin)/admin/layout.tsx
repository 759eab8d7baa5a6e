import { requireArea } from "@/server/auth/require-area";
import { AppHeader } from "@/components/layout/app-header";
import { NotForYou } from "@/components/layout/not-for-you";
import { LicenseBanner } from "@/components/layout/license-banner";

const ADMIN_NAV = [
  { href: "/admin", label: "Overview" },
  { href: "/admin/users", label: "Users" },
  { href: "/admin/groups", label: "Groups" },
  { href: "/admin/licenses", label: "Licenses" },
  { href: "/admin/license-rules", label: "License rules" },
  { href: "/admin/provisioning", label: "Provisioning" },
  { href: "/admin/seats", label: "Seat board" },
  { href: "/admin/seats/history", label: "Seat history" },
  { href: "/admin/service-levels", label: "Service levels" },
  { href: "/admin/changes", label: "Changes" },
  { href: "/admin/audit", label: "Audit log" },
  { href: "/admin/mail", label: "Mail" },
  { href: "/admin/api-accounts", label: "API" },
  { href: "/admin/webhooks", label: "Webhooks" },
  { href: "/reports", label: "Reports" },
  { href: "/console", label: "Console" },
];

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const { allowed, session } = await requireArea("admin");
  if (!allowed) return <NotForYou area="admin" user={session.user} />;
  return (
    <>
      <AppHeader area="Administration" home="/admin" user={session.user} nav={ADMIN_NAV} />
      <LicenseBanner audience="admin" />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </>
  );
}
