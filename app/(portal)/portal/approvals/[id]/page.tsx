import type { Metadata } from "next";
import { BackLink } from "@/components/ui/back-link";
import { DecideApproval } from "@/components/approvals/decide-approval";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Approve a change" };

/** The link an approver follows (it needs a sign-in, like every portal page). */
export default async function ApprovalPage({ params }: { params: Promise<{ id: string }> }) {
  if (!(await requirePageArea("portal"))) return null; // the layout sends the person home
  const { id } = await params;
  return (
    <div className="space-y-4">
      <BackLink href="/portal/approvals">Waiting for my approval</BackLink>
      <DecideApproval approvalId={decodeURIComponent(id)} />
    </div>
  );
}
