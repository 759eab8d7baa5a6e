import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server that keeps what it receives: the mail server seatdesk sends to in tests and
 * in the e2e run (scripts/e2e.ts), started on a port of its own choosing (0) unless given one.
 * Each message's raw bytes are kept in memory and, with `dir`, written there as <n>.eml so another
 * process (a Playwright spec) can read them. `reject` makes it answer every message with a
 * permanent 550, to test failures.
 */
export type CapturedMail = { from: string; to: string[]; raw: Buffer };

export async function startCaptureSmtp(options: { port?: number; dir?: string } = {}) {
  const messages: CapturedMail[] = [];
  const state = { rejectWith: null as null | { code: number; message: string } };
  if (options.dir) mkdirSync(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (state.rejectWith) {
          const error = Object.assign(new Error(state.rejectWith.message), { responseCode: state.rejectWith.code });
          return callback(error);
        }
        const mail: CapturedMail = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        };
        messages.push(mail);
        if (options.dir)
          writeFileSync(path.join(options.dir, `${String(messages.length).padStart(5, "0")}.eml`), mail.raw);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    /** Every message from now on is refused with this SMTP answer (null: accepted again). */
    reject(answer: { code: number; message: string } | null) {
      state.rejectWith = answer;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
