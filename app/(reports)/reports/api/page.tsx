import type { Metadata } from "next";
import { getCurrentSession } from "@/server/auth/current-user";
import { ApiUseView } from "@/components/reports/api-use/api-use-view";

export const metadata: Metadata = { title: "API use" };
export const dynamic = "force-dynamic";

export default async function ApiUsePage() {
  // The layout let only administrators and report viewers in; only administrators set the threshold.
  const session = await getCurrentSession();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">API use and shared logins</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Who the programs acted for, and what they were refused for want of a seat: an integration must never let
          unlicensed people drive tickets (multiplexing). Below, people signed in from several devices or addresses at
          the same time, which may be a shared login.
        </p>
      </div>
      <ApiUseView canEditThreshold={session?.user.role === "ADMIN"} />
    </div>
  );
}
