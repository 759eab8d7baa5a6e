import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionEvenIfEnrolling } from "@/server/auth/current-user";
import { sessionAmr } from "@/server/auth/auth-sessions";
import { getDb } from "@/server/db/client";
import { hasMfaEnabled } from "@/server/identity/mfa/mfa";
import { env } from "@/server/env";
import { MfaSettings } from "@/components/account/mfa-settings";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

export const metadata: Metadata = { title: "Account security" };
export const dynamic = "force-dynamic";

/** RFC 8176 method names in words. */
const AMR_LABELS: Record<string, string> = {
  pwd: "password",
  otp: "authenticator code",
  rec: "recovery code",
  mfa: "two factors",
  hwk: "security key",
  swk: "software key",
  sms: "text message",
  face: "face",
  fpt: "fingerprint",
};

/**
 * Everyone who signs in reaches this page, including a session the MFA policy limits to enrolment
 * (server/auth/require-area.ts sends such a session here before anything else).
 */
export default async function AccountSecurityPage() {
  const session = await getSessionEvenIfEnrolling();
  if (!session) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/account/security")}`);
  const db = getDb();
  const [amr, enabled] = await Promise.all([sessionAmr(db, session.sessionId), hasMfaEnabled(db, session.user.id)]);
  // The demo and the browser tests run with no one required: suggest it to administrators who lack it.
  const suggest = env.MFA_REQUIRED_FOR === "nobody" && session.user.role === "ADMIN" && !enabled;
  return (
    // The header and the page frame come from app/account/layout.tsx.
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Account security</h1>
        <p className="text-sm text-muted-foreground">
          This sign-in used: {amr.length ? amr.map((m) => AMR_LABELS[m] ?? m).join(", ") : "not recorded"}.
        </p>
      </div>
      {session.mfaEnrolmentRequired ? (
        <Alert variant="warning">
          <AlertTitle>Set up two-step sign-in to continue</AlertTitle>
          <AlertDescription>
            Your organisation requires a second factor for your role. Everything else opens once it is on.
          </AlertDescription>
        </Alert>
      ) : suggest ? (
        <Alert>
          <AlertTitle>No one is required to use two-step sign-in</AlertTitle>
          <AlertDescription>
            Administrators are usually required to (MFA_REQUIRED_FOR=administrators, the default): set it up for
            yourself below, then ask your operator to turn the requirement on.
          </AlertDescription>
        </Alert>
      ) : null}
      <MfaSettings mustEnrol={session.mfaEnrolmentRequired} />
    </div>
  );
}
