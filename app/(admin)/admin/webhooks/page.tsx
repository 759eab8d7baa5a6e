import type { Metadata } from "next";
import { WebhooksAdmin } from "@/components/admin/webhooks/webhooks-admin";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Webhooks</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">
          Endpoints told about ticket events, each delivery signed with the endpoint&apos;s key (header
          Seatdesk-Signature: t=&lt;seconds&gt;,v1=HMAC-SHA256 of &lt;t&gt;.&lt;body&gt;) and retried with backoff until
          answered with 2xx. Internal notes go only to endpoints allowed to see them.
        </p>
      </div>
      <WebhooksAdmin />
    </div>
  );
}
