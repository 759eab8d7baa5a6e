import { z } from "zod";
import { passwordSchema } from "./users";

/** A signed-in person changes their own password (the account page). */
export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password").max(200, "That password is too long"),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(200, "That password is too long"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords are not the same",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one",
  });
export type ChangePasswordInput = z.infer<typeof changePasswordInput>;
