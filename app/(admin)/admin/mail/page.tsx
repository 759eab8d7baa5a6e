import type { Metadata } from "next";
import { InboundList, OutboxList } from "@/components/admin/mail/mail-lists";
import { mailConfigFromEnv } from "@/server/mail/config";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Mail" };
export const dynamic = "force-dynamic";

export default async function MailPage() {
  if (!(await requirePageArea("admin"))) return null; // the layout says "not for you"
  const config = mailConfigFromEnv();
  return (
    <div className="space-y-10">
      <section className="space-y-4">
        <div>
          <h1 className="text-2xl font-semibold">Mail</h1>
          <p className="text-sm text-muted-foreground">
            {config.smtpUrl
              ? `Notices are sent from ${config.from} through the configured SMTP server.`
              : "No SMTP server is configured (SMTP_URL), so nothing is sent: this is what would have been."}{" "}
            A message waits up to a minute so that several changes to one ticket make one mail.
          </p>
        </div>
        <OutboxList />
      </section>
      <section className="space-y-4">
        <h2 className="text-xl font-semibold">Received</h2>
        <InboundList />
      </section>
    </div>
  );
}
