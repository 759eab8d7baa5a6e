import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";

export const metadata: Metadata = { title: "Change password" };
export const dynamic = "force-dynamic";

export default function ChangePasswordPage() {
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Change password</h1>
        <p className="text-sm text-muted-foreground">
          Your current password proves it is you. Every other place you are signed in is signed out; this one stays.
        </p>
      </div>
      <ChangePasswordForm />
    </div>
  );
}
