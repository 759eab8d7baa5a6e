import type { Metadata } from "next";
import { ProvisioningConnections } from "@/components/admin/provisioning/connections";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Provisioning" };

/** SCIM provisioning connections: how identity providers create, update and remove people here. */
export default async function ProvisioningPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-semibold">Provisioning (SCIM)</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Your identity provider (Okta, Microsoft Entra ID, …) creates, updates and deactivates people here through SCIM
          2.0 at <code>/api/scim/v2</code>. Each connection has its own token. Every change applies the license rules;
          deactivating someone ends their seat and sessions at once and keeps their tickets.
        </p>
      </div>
      <ProvisioningConnections />
    </div>
  );
}
