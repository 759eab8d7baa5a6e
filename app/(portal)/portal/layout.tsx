import { requireArea } from "@/server/auth/require-area";
import { AppHeader } from "@/components/layout/app-header";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const { session } = await requireArea("portal");
  return (
    <>
      <AppHeader area="Self-service" home="/portal" user={session.user} nav={[{ href: "/portal", label: "Home" }]} />
      <main className="mx-auto max-w-5xl px-4 py-8">{children}</main>
    </>
  );
}
