import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getCurrentSession } from "@/server/auth/current-user";
import { homeFor } from "@/lib/auth/roles";
import { safeCallbackPath } from "@/lib/http/safe-callback";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { SsoSignIn } from "@/components/auth/sso-sign-in";
import { localPasswordsOn, ssoConfig } from "@/server/identity/sso/config";
import { ssoErrorMessage } from "@/lib/auth/sso-messages";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  // Only this app's own paths are followed after sign-in (no open redirect).
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  const session = await getCurrentSession();
  if (session) redirect(callbackUrl ?? homeFor(session.user.role));
  // Single sign-on beside the password form, or instead of it when local passwords are off
  // (break-glass administrators open /sign-in?local=1).
  const sso = ssoConfig();
  const ssoError = ssoErrorMessage(typeof params.error === "string" ? params.error : null);
  const showPasswords = !sso || localPasswordsOn() || params.local === "1";
  return (
    <main className="flex min-h-screen items-center justify-center p-4">
      <Card className="w-full max-w-sm">
        <CardHeader>
          <CardTitle className="text-xl">Sign in to seatdesk</CardTitle>
          <CardDescription>Your IT service desk: report problems, follow requests, work tickets.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-4">
          {sso ? <SsoSignIn buttonName={sso.buttonName} callbackUrl={callbackUrl} error={ssoError} /> : null}
          {sso && showPasswords ? (
            <p className="text-center text-xs text-muted-foreground">or with a password</p>
          ) : null}
          {showPasswords ? <SignInForm callbackUrl={callbackUrl} /> : null}
        </CardContent>
      </Card>
    </main>
  );
}
