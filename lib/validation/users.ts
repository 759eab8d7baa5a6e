import { z } from "zod";
import { ROLES } from "@/lib/auth/roles";

/*
 * Users, as the admin forms and the adminUsers procedures both validate them. Optional identity
 * fields are plain strings here (a form sends "" for an empty field); the server stores "" as null.
 */

export { ROLES };
export const roleSchema = z.enum(ROLES, { error: "Choose a role" });
export type RoleValue = z.infer<typeof roleSchema>;

export const ROLE_LABELS: Record<RoleValue, string> = {
  END_USER: "End user",
  AGENT: "Agent",
  ADMIN: "Administrator",
  REPORT_VIEWER: "Report viewer",
};

export const PASSWORD_MIN = 8;
export const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
  .max(200, "Use at most 200 characters");

const emailSchema = z
  .string()
  .trim()
  .min(1, "Enter an email address")
  .max(254, "That email address is too long")
  .email("Enter a valid email address, like name@example.com");

const nameSchema = z.string().trim().min(1, "Enter a name").max(120, "Use at most 120 characters");
const optionalText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`).optional();

/** What an administrator can change about a person (not the email: it is their sign-in). */
export const userProfileInput = z.object({
  name: nameSchema,
  role: roleSchema,
  department: optionalText(120),
  jobCode: optionalText(60),
  externalId: optionalText(200),
});
export type UserProfileInput = z.infer<typeof userProfileInput>;

export const createUserInput = userProfileInput.extend({ email: emailSchema, password: passwordSchema });
export type CreateUserInput = z.infer<typeof createUserInput>;

export const userIdInput = z.object({ id: z.string().min(1) });

export const updateUserInput = userProfileInput.extend(userIdInput.shape);
export type UpdateUserInput = z.infer<typeof updateUserInput>;

export const setUserActiveInput = userIdInput.extend({ active: z.boolean() });
export type SetUserActiveInput = z.infer<typeof setUserActiveInput>;

export const newPasswordInput = z.object({ password: passwordSchema });
export const setPasswordInput = userIdInput.extend(newPasswordInput.shape);
export type SetPasswordInput = z.infer<typeof setPasswordInput>;

export const USERS_PAGE_SIZE = 25;
export const listUsersInput = z.object({
  search: z.string().trim().max(200).optional(),
  role: roleSchema.optional(),
  active: z.boolean().optional(),
  /** The id of the last person of the previous page. */
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(USERS_PAGE_SIZE),
});
export type ListUsersInput = z.input<typeof listUsersInput>;

/** A sign-in lock (server/auth/sign-in-throttle.ts): an account ("email:…") or a client address ("addr:…"). */
export const liftSignInLockInput = z.object({
  key: z
    .string({ error: "Choose a lock to lift" })
    .max(300, "Choose a lock from the list")
    .regex(/^(email|addr):[^\u0000-\u001f]+$/, "Choose a lock from the list"),
});
export type LiftSignInLockInput = z.infer<typeof liftSignInLockInput>;
