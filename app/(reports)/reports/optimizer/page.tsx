import type { Metadata } from "next";
import { requirePageArea } from "@/server/auth/require-area";
import { OptimizerView } from "@/components/reports/optimizer/optimizer-view";
import { mayEnter } from "@/lib/auth/roles";

export const metadata: Metadata = { title: "Seat mix optimizer" };
export const dynamic = "force-dynamic";

export default async function OptimizerPage() {
  const session = await requirePageArea("reports");
  if (!session) return null; // the layout says "not for you"
  // Only administrators set prices (the procedure checks again).
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Seat mix optimizer</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Which agents should hold named seats, and how many concurrent seats should the rest share? The optimizer
          replays the recorded seat history against possible mixes and recommends the cheapest one that meets your
          service level. Nothing changes until an administrator changes the licenses.
        </p>
      </div>
      <OptimizerView canEditPrices={mayEnter("admin", session.user.role)} />
    </div>
  );
}
