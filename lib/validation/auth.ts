import { z } from "zod";

export const signInInput = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .max(254, "That email address is too long")
    .email("Enter a valid email address, like name@example.com"),
  password: z.string().min(1, "Enter your password").max(200, "That password is too long"),
  /** The second factor (a 6-digit code or a recovery code), asked for once the password is right. */
  code: z.string().trim().max(40, "That code is too long").optional(),
});
export type SignInInput = z.infer<typeof signInInput>;

/** A code from the authenticator app, typed to confirm enrolment. */
export const totpCodeInput = z.object({
  code: z
    .string()
    .transform((v) => v.replace(/\s/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Type the 6-digit code your app shows")),
});
