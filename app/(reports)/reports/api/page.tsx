import type { Metadata } from "next";
import { requirePageArea } from "@/server/auth/require-area";
import { ApiUseView } from "@/components/reports/api-use/api-use-view";
import { mayEnter } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "API use" };
export const dynamic = "force-dynamic";

export default async function ApiUsePage() {
  const session = await requirePageArea("reports");
  if (!session) return null; // the layout says "not for you"
  // Only administrators set the threshold (the procedure checks again).
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
      <ApiUseView canEditThreshold={mayEnter("admin", session.user.role)} />
    </div>
  );
}
