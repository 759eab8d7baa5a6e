import type { DefaultSession } from "next-auth";
import type { Role } from "../db/generated/enums";

declare module "next-auth" {
  interface Session {
    sid?: string;
    user: DefaultSession["user"] & { id: string; role?: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
    role?: Role;
  }
}
