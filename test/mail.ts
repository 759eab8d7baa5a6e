import { simpleParser, type ParsedMail } from "mailparser";
import type { MailConfig } from "@/server/mail/config";
import type { CapturedMail } from "@/scripts/lib/capture-smtp";

/** Mail test helpers: a configuration with a test secret, and parsing what a capture server got. */
export function testMailConfig(smtpUrl: string | null, overrides: Partial<MailConfig> = {}): MailConfig {
  return {
    smtpUrl,
    from: "IT Service Desk <desk@desk.test>",
    fromAddress: "desk@desk.test",
    publicUrl: "https://desk.test",
    replySecret: "test-only-reply-secret-0123456789",
    foldSeconds: 0,
    ...overrides,
  };
}

export const parseAll = (messages: CapturedMail[]): Promise<ParsedMail[]> =>
  Promise.all(messages.map((m) => simpleParser(m.raw)));

export const addressesOf = (parsed: ParsedMail, header: "to" | "replyTo" = "to") => {
  const value = parsed[header];
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a) => a.value.map((v) => v.address));
};
