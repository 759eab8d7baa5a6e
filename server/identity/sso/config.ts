import "server-only";
import { env } from "../../env";
import { LOCAL_IDP_CLIENT_ID, LOCAL_IDP_CLIENT_SECRET } from "./local-idp-client";

/*
 * Single sign-on's configuration, from the environment (server/env.ts). SSO is on when an issuer,
 * a client id and a secret are set. Local passwords can be turned off for everyone but named
 * break-glass administrators.
 */

export type SsoConfig = {
  issuer: string;
  clientId: string;
  clientSecret: string;
  buttonName: string;
  claims: { id: string; employeeId: string; jobCode: string; department: string; groups: string; employeeType: string };
  createUsers: boolean;
};

export function ssoConfig(): SsoConfig | null {
  const local = env.OIDC_LOCAL_IDP === "1";
  const clientId = env.OIDC_CLIENT_ID ?? (local ? LOCAL_IDP_CLIENT_ID : undefined);
  const clientSecret = env.OIDC_CLIENT_SECRET ?? (local ? LOCAL_IDP_CLIENT_SECRET : undefined);
  if (!env.OIDC_ISSUER || !clientId || !clientSecret) return null;
  return {
    issuer: env.OIDC_ISSUER.replace(/\/$/, ""),
    clientId,
    clientSecret,
    buttonName: env.OIDC_BUTTON_NAME,
    claims: {
      id: env.OIDC_ID_CLAIM,
      employeeId: env.OIDC_EMPLOYEE_ID_CLAIM,
      jobCode: env.OIDC_JOB_CODE_CLAIM,
      department: env.OIDC_DEPARTMENT_CLAIM,
      groups: env.OIDC_GROUPS_CLAIM,
      employeeType: env.OIDC_EMPLOYEE_TYPE_CLAIM,
    },
    createUsers: env.OIDC_CREATE_USERS === "true",
  };
}

/** Whether this email may sign in with a password (LOCAL_PASSWORDS, BREAK_GLASS_ADMINS). */
export function passwordAllowedFor(email: string): boolean {
  if (env.LOCAL_PASSWORDS === "on") return true;
  return env.BREAK_GLASS_ADMINS.split(",")
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)
    .includes(email.toLowerCase());
}

export const localPasswordsOn = () => env.LOCAL_PASSWORDS === "on";
