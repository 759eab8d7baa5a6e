import "server-only";
import { env } from "../env";

/** Where mail goes and what it says about itself, from the environment (README "Email"). */
export type MailConfig = {
  /** Unset: nothing is sent, messages stay in the outbox for administrators to read. */
  smtpUrl: string | null;
  /** The From header, e.g. `IT Service Desk <desk@example.org>`. */
  from: string;
  /** The bare address of `from`. */
  fromAddress: string;
  /** Links in mail start with this (no trailing slash). */
  publicUrl: string;
  /** Signs reply addresses. */
  replySecret: string;
  foldSeconds: number;
};

/** `Name <a@b>` or `a@b` -> `a@b`, lower-cased. */
export function bareAddress(value: string): string {
  const match = /<([^<>]+)>\s*$/.exec(value);
  return (match ? match[1]! : value).trim().toLowerCase();
}

export function mailConfigFromEnv(): MailConfig {
  return {
    smtpUrl: env.SMTP_URL ?? null,
    from: env.MAIL_FROM,
    fromAddress: bareAddress(env.MAIL_FROM),
    publicUrl: (env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, ""),
    replySecret: env.MAIL_REPLY_SECRET ?? env.NEXTAUTH_SECRET,
    foldSeconds: env.MAIL_FOLD_SECONDS,
  };
}
