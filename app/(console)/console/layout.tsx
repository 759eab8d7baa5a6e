import { requireArea } from "@/server/auth/require-area";
import { AppHeader } from "@/components/layout/app-header";
import { NotForYou } from "@/components/layout/not-for-you";
import { LicenseBanner } from "@/components/layout/license-banner";
import { SeatProvider } from "@/components/console/seat-provider";
import { SeatIndicator } from "@/components/console/seat-indicator";
import { SeatBanner } from "@/components/console/seat-banner";
import { mayEnter } from "@/lib/auth/roles";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const { allowed, session } = await requireArea("console");
  if (!allowed) return <NotForYou area="console" user={session.user} />;
  const nav = [
    { href: "/console", label: "Queues" },
    { href: "/console/knowledge", label: "Knowledge base" },
    { href: "/portal/settings", label: "Mail settings" },
    { href: "/console/changes", label: "Change calendar" },
  ];
  if (mayEnter("admin", session.user.role)) nav.push({ href: "/admin", label: "Administration" });
  return (
    <SeatProvider>
      <AppHeader area="Console" home="/console" user={session.user} nav={nav}>
        <SeatIndicator />
      </AppHeader>
      <SeatBanner />
      <LicenseBanner audience="console" />
      <main className="mx-auto max-w-7xl px-4 py-6">{children}</main>
    </SeatProvider>
  );
}
