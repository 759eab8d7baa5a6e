import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";

/*
 * A real IMAP server for tests: Debian's Dovecot (package dovecot-imapd, installed by .ci/run),
 * started in the foreground with a configuration of its own in a temporary directory (plaintext
 * login on loopback, one passwd-file user, a maildir), on a free port, and stopped by the test.
 */

const CANDIDATES = ["/usr/sbin/dovecot", "/usr/local/sbin/dovecot"];

/** The dovecot binary, or null when it is not installed. */
export const dovecotBinary: string | null = CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;

export type Dovecot = { port: number; user: string; password: string; url: string; stop: () => Promise<void> };

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForGreeting(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${log()}`);
    const greeted = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1");
      socket.once("data", (data) => {
        socket.destroy();
        resolve(data.toString().includes("Dovecot"));
      });
      socket.once("error", () => resolve(false));
    });
    if (greeted) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not answer on port ${port}: ${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startDovecot(): Promise<Dovecot> {
  if (!dovecotBinary) throw new Error("dovecot is not installed (apt-get install dovecot-imapd)");
  const dir = await mkdtemp(path.join(os.tmpdir(), "seatdesk-dovecot-"));
  await chmod(dir, 0o755);
  // Dovecot refuses to run mail processes as root: as root, the mailbox belongs to nobody.
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? 65534 : process.getuid!();
  const gid = asRoot ? 65534 : process.getgid!();
  const mail = path.join(dir, "mail");
  await mkdir(mail);
  await mkdir(path.join(dir, "state"));
  await mkdir(path.join(dir, "run"));
  if (asRoot) await chown(mail, uid, gid);
  const user = "desk";
  const password = "test-only-imap-password";
  await writeFile(path.join(dir, "passwd"), `${user}:{PLAIN}${password}:${uid}:${gid}::${mail}\n`);
  const port = await freePort();
  const self = os.userInfo().username;
  const conf = path.join(dir, "dovecot.conf");
  await writeFile(
    conf,
    [
      "protocols = imap",
      "listen = 127.0.0.1",
      `base_dir = ${dir}/run`,
      `state_dir = ${dir}/state`,
      `instance_name = seatdesk-test-${port}`,
      "log_path = /dev/stderr",
      "ssl = no",
      "disable_plaintext_auth = no",
      "auth_mechanisms = plain login",
      `mail_location = maildir:${mail}/Maildir`,
      "first_valid_uid = 1",
      // Not root: every process runs as this user.
      ...(asRoot ? [] : [`default_login_user = ${self}`, `default_internal_user = ${self}`]),
      `passdb {\n  driver = passwd-file\n  args = scheme=PLAIN ${dir}/passwd\n}`,
      `userdb {\n  driver = passwd-file\n  args = ${dir}/passwd\n}`,
      `service imap-login {\n  chroot =\n  inet_listener imap {\n    address = 127.0.0.1\n    port = ${port}\n  }\n` +
        `  inet_listener imaps {\n    port = 0\n  }\n}`,
      "service anvil {\n  chroot =\n}",
      "",
    ].join("\n"),
  );
  let output = "";
  const child = spawn(dovecotBinary, ["-F", "-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  try {
    await waitForGreeting(port, child, () => output);
  } catch (error) {
    child.kill("SIGKILL");
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
