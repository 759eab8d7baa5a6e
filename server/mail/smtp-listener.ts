import "server-only";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";
import type { Db } from "../db/client";
import { logger } from "../logger";
import { receiveMail, type IntakeOptions } from "./intake";

/*
 * seatdesk's own SMTP listener (off unless MAIL_SMTP_PORT is set): the desk's mail server, or a
 * relay, delivers the desk's mail here. It accepts mail only for the desk's own domain (it is not
 * a relay), refuses a message over `maxBytes` (announced as SIZE, and counted while it arrives: 552
 * before anything is stored), and answers 250 only after receiveMail kept the mail in the
 * database; if that fails (the database is away) it answers 451 so the sending server tries again
 * later. Nothing is lost either way: what is refused stays with the sender, who is told why.
 */

export type SmtpListenerOptions = IntakeOptions & {
  port: number;
  host?: string;
  maxBytes: number;
  /** TLS for STARTTLS; without it the listener speaks plain SMTP (behind the organisation's mail server). */
  tls?: Pick<SMTPServerOptions, "key" | "cert">;
};

export async function startSmtpListener(
  db: Db,
  options: SmtpListenerOptions,
): Promise<{ port: number; stop: () => Promise<void> }> {
  const domain = options.config.fromAddress.slice(options.config.fromAddress.lastIndexOf("@") + 1).toLowerCase();
  const server = new SMTPServer({
    name: domain,
    banner: "seatdesk",
    authOptional: true,
    size: options.maxBytes,
    logger: false,
    ...(options.tls ? options.tls : { disabledCommands: ["STARTTLS", "AUTH"] }),
    onRcptTo(address, _session, callback) {
      const at = address.address.lastIndexOf("@");
      if (address.address.slice(at + 1).toLowerCase() !== domain) {
        return callback(
          Object.assign(new Error(`No mailbox here for ${address.address}: this is the desk's mail only`), {
            responseCode: 550,
          }),
        );
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (chunk: Buffer) => {
        size += chunk.byteLength;
        if (size <= options.maxBytes) chunks.push(chunk);
      });
      stream.on("end", () => {
        if (stream.sizeExceeded || size > options.maxBytes) {
          const mb = (n: number) => `${Math.ceil(n / 1024 / 1024)} MB`;
          return callback(
            Object.assign(new Error(`The mail is too large (${mb(size)}; at most ${mb(options.maxBytes)})`), {
              responseCode: 552,
            }),
          );
        }
        const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : "";
        receiveMail(
          db,
          Buffer.concat(chunks),
          { via: "smtp", envelopeFrom, envelopeTo: session.envelope.rcptTo.map((r) => r.address) },
          options,
        ).then(
          (outcome) => {
            logger.info("mail received", {
              inboundId: outcome.inboundId,
              status: outcome.status,
              reason: outcome.reason,
            });
            callback(null, `Kept as ${outcome.inboundId}`);
          },
          (error: unknown) => {
            logger.warn("mail could not be kept", { error: error instanceof Error ? error.message : String(error) });
            callback(
              Object.assign(new Error("The desk cannot take mail just now: try again later"), { responseCode: 451 }),
            );
          },
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", () => resolve());
  });
  server.on("error", (error) => logger.warn("SMTP listener error", { error: error.message }));
  const port = (server.server.address() as { port: number }).port;
  return { port, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
