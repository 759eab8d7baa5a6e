import "server-only";
import type { Role } from "../../db/generated/enums";
import { AGENT_ROLES, AREA_ROLES, ROLES } from "@/lib/auth/roles";

/**
 * Who must use a second factor when signing in with a password (MFA_REQUIRED_FOR). "agents" means
 * agents and administrators: whoever may change tickets or the organisation. People who sign in
 * through the identity provider rely on its MFA and are never asked here.
 */
export type MfaPolicy = "nobody" | "administrators" | "agents" | "everyone";

const ROLES_REQUIRED: Record<MfaPolicy, readonly Role[]> = {
  nobody: [],
  administrators: AREA_ROLES.admin,
  agents: AGENT_ROLES,
  everyone: ROLES,
};

export function mfaRequiredFor(policy: MfaPolicy, role: Role): boolean {
  return ROLES_REQUIRED[policy].includes(role);
}
