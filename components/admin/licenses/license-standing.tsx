"use client";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";

type Standing = { state: "not-yet-valid" | "valid" | "ending-soon" | "grace" | "lapsed" };

const TITLES: Record<Standing["state"], string | null> = {
  "not-yet-valid": "License not valid yet",
  valid: null,
  "ending-soon": "License ending soon",
  grace: "License expired: grace period",
  lapsed: "License expired: the console is read-only",
};

/** The warning administrators see near the end of a license, in its grace period, and after. */
export function LicenseStandingAlert({ standing, message }: { standing: Standing; message: string }) {
  const title = TITLES[standing.state];
  if (!title) return null;
  return (
    <Alert variant={standing.state === "ending-soon" ? "warning" : "destructive"} role="alert">
      <AlertTitle>{title}</AlertTitle>
      <AlertDescription>{message}</AlertDescription>
    </Alert>
  );
}
