import type { Db } from "../../server/db/client";

/*
 * The demo's knowledge base: the fixes the desk gives most often, written up for end users, and
 * two drafts still being written. Authors are desk agents and specialists; dates spread over the
 * last two months (the seed runs on an empty database only).
 */

type DemoArticle = { title: string; category: string; author: string; daysAgo: number; draft?: boolean; body: string };

const ARTICLES: DemoArticle[] = [
  {
    title: "Outlook keeps asking for my password",
    category: "Email & Calendar",
    author: "desk01",
    daysAgo: 58,
    body:
      `Outlook asks again and again when the password it remembers is out of date, usually after you ` +
      `changed your password.

1. Close Outlook.
2. Open Windows' Credential Manager (search for "Credential Manager" in the Start menu), then Windows Credentials.
3. Remove every entry that starts with "MicrosoftOffice".
4. Start Outlook and sign in once with your current password.

Still asked after that? Report a problem and mention when the prompts started.`,
  },
  {
    title: "Connect to the VPN from home",
    category: "Network & VPN",
    author: "spec02",
    daysAgo: 51,
    body:
      `You need the VPN to reach the file shares and SAP from outside the office.

1. Click the shield icon in the system tray and choose Connect.
2. Sign in with your usual email and password, then approve the request on your phone.
3. Wait until the icon turns green before opening files.

If the VPN drops every few minutes, restart the laptop once: it installs the current VPN profile at ` +
      `start-up. More about the VPN: https://intranet.acme.test/it/vpn`,
  },
  {
    title: "Reset a forgotten password",
    category: "Accounts & Access",
    author: "desk02",
    daysAgo: 47,
    body: `You can reset your password yourself, any time, from any device.

1. Go to https://password.acme.test
2. Enter your email address and the code sent to your phone.
3. Choose a new password: at least 14 characters; a short sentence works well.

After the reset, sign in again on your phone's mail app too, or your account may be locked by its old password.`,
  },
  {
    title: "My account is locked",
    category: "Accounts & Access",
    author: "desk03",
    daysAgo: 40,
    body:
      `An account locks for 15 minutes after 10 wrong passwords in a row. It unlocks by itself: wait ` +
      `15 minutes, then sign in with your current password.

It keeps locking? A phone or tablet is often still trying an old password. Update the password in its ` +
      `mail app, or remove the account from it, then wait 15 minutes again.`,
  },
  {
    title: "Add a printer in the office",
    category: "Printing",
    author: "desk04",
    daysAgo: 33,
    body: `Every printer's name is on a label on its front, for example PRN-BER-204.

1. Open Settings, then Bluetooth & devices, then Printers & scanners.
2. Choose Add device, then "The printer that I want isn't listed".
3. Enter \\\\print.acme.test\\ followed by the printer's name, for example \\\\print.acme.test\\PRN-BER-204.

Printing blank pages or jamming: tell us the printer's name when you report it.`,
  },
  {
    title: "Share your calendar or a mailbox",
    category: "Email & Calendar",
    author: "desk05",
    daysAgo: 26,
    body:
      `In Outlook, right-click your calendar, choose Sharing Permissions, add your colleague and ` +
      `choose what they may see.

A shared team mailbox is given by the service desk: ask for it with "Ask for something" and name the ` +
      `mailbox. It appears in Outlook by itself within an hour.`,
  },
  {
    title: "Set up company email on your phone",
    category: "Phones & Mobile",
    author: "spec05",
    daysAgo: 19,
    body: `Company email runs in the Outlook app only.

1. Install "Microsoft Outlook" from the App Store or Google Play.
2. Install "Company Portal" too, and sign in there first: it enrols the phone in device management.
3. Open Outlook and add your work account.

A phone that is not enrolled cannot open company mail: this protects the data if it is lost.`,
  },
  {
    title: "A file share is slow or does not open",
    category: "Servers & Storage",
    author: "spec09",
    daysAgo: 12,
    body:
      `Shares such as \\\\fs01\\finance open slowly from home over the VPN: large files are copied ` +
      `whole before they open.

- Work on large files in the office, or copy them to your laptop first.
- Check that the VPN is connected (green shield icon).
- From the office and still slow for everyone near you? Report a problem with the share's name and since when.`,
  },
  {
    title: "Phishing: what to do with a suspicious email",
    category: "Security",
    author: "spec13",
    daysAgo: 6,
    body:
      `Do not click links or open attachments in an email you did not expect, even from a name you know.

Use the "Report phishing" button in Outlook's ribbon: the security team gets it and it leaves your ` +
      `mailbox. If you already clicked or typed your password, report a problem at once and change your password ` +
      `(see "Reset a forgotten password").`,
  },
  {
    title: "New laptop: moving your files",
    category: "Hardware",
    author: "desk06",
    daysAgo: 3,
    draft: true,
    body:
      `Your documents and desktop are in OneDrive, so they appear on the new laptop once you sign in. ` +
      `Before handing back the old one, check that OneDrive shows no files waiting to upload.`,
  },
  {
    title: "Teams meeting link missing from invitations",
    category: "Email & Calendar",
    author: "spec07",
    daysAgo: 1,
    draft: true,
    body:
      `Known issue after the last Office update: the Teams add-in is disabled in Outlook. Workaround ` +
      `while we roll out the fix: File, Options, Add-ins, Manage COM Add-ins, tick "Microsoft Teams Meeting ` +
      `Add-in".`,
  },
];

export async function seedDemoKnowledge(db: Db, domain: string, log: (line: string) => void): Promise<void> {
  const [categories, authors] = await Promise.all([
    db.category.findMany({ select: { id: true, name: true } }),
    db.user.findMany({
      where: { email: { in: [...new Set(ARTICLES.map((a) => `${a.author}@${domain}`))] } },
      select: { id: true, email: true },
    }),
  ]);
  const categoryId = (name: string) => categories.find((c) => c.name === name)?.id ?? null;
  const authorId = (handle: string) => {
    const author = authors.find((a) => a.email === `${handle}@${domain}`);
    if (!author) throw new Error(`The demo knowledge base names ${handle}, who is not in the demo organisation.`);
    return author.id;
  };
  const now = Date.now();
  await db.knowledgeArticle.createMany({
    data: ARTICLES.map((a) => {
      const at = new Date(now - a.daysAgo * 86_400_000);
      return {
        title: a.title,
        body: a.body,
        categoryId: categoryId(a.category),
        status: a.draft ? "DRAFT" : "PUBLISHED",
        authorId: authorId(a.author),
        updatedById: authorId(a.author),
        createdAt: at,
        updatedAt: at,
        publishedAt: a.draft ? null : at,
      } as const;
    }),
  });
  log(
    `Demo knowledge base: ${ARTICLES.filter((a) => !a.draft).length} published articles ` +
      `and ${ARTICLES.filter((a) => a.draft).length} drafts.`,
  );
}
