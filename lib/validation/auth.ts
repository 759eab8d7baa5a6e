import { z } from "zod";

export const signInInput = z.object({
  email: z
    .string()
    .trim()
    .min(1, "Enter your email address")
    .max(254, "That email address is too long")
    .email("Enter a valid email address, like name@example.com"),
  password: z.string().min(1, "Enter your password").max(200, "That password is too long"),
});
export type SignInInput = z.infer<typeof signInInput>;
