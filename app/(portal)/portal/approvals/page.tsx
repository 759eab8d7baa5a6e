import type { Metadata } from "next";
import { WaitingList } from "@/components/approvals/waiting-list";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Waiting for my approval" };

/** Changes this person is asked to approve: no seat, no agent license needed. */
export default async function ApprovalsPage() {
  if (!(await requirePageArea("portal"))) return null; // the layout sends the person home
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Waiting for my approval</h1>
        <p className="text-sm text-muted-foreground">Changes you are asked to approve or reject, oldest first.</p>
      </div>
      <WaitingList />
    </div>
  );
}
