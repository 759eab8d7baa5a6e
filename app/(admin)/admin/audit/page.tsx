import type { Metadata } from "next";
import { AuditLog } from "@/components/admin/audit/audit-log";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Audit log</h1>
        <p className="text-sm text-muted-foreground">
          Every change an administrator made, with who, when and what was sent (passwords are never kept). Seat grants
          and releases are in the seat history.
        </p>
      </div>
      <AuditLog />
    </div>
  );
}
