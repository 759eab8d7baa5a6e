import type { Metadata } from "next";
import { MailSettingsForm } from "@/components/portal/mail-settings-form";
import { requirePageArea } from "@/server/auth/require-area";

export const metadata: Metadata = { title: "Mail settings" };

export default async function MailSettingsPage() {
  if (!(await requirePageArea("portal"))) return null; // the layout sends the person home
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Mail settings</h1>
        <p className="text-sm text-muted-foreground">
          Which notices the service desk mails you. Links in them still ask you to sign in.
        </p>
      </div>
      <MailSettingsForm />
    </div>
  );
}
