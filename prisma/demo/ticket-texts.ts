/*
 * Words for the demo tickets: categories, with the titles and descriptions people write for
 * each, and the replies, work notes and fixes agents write. `{slot}` placeholders are filled by
 * prisma/demo/tickets.ts from SLOTS with the seeded random generator.
 */

export type SpecialistGroup = "Network" | "Applications" | "Infrastructure" | "Security";
export type Text = { title: string; description: string };

export type CategoryTexts = {
  name: string;
  /** Where the Service Desk escalates what it cannot fix. */
  escalateTo: SpecialistGroup;
  /** Share of this category's tickets among incidents and among requests (relative weights). */
  weight: { incident: number; request: number };
  incidents: Text[];
  requests: Text[];
  /** Internal work notes while investigating. */
  notes: string[];
  /** The public reply that resolves the ticket. */
  fixes: string[];
};

export const SLOTS: Record<string, readonly string[]> = {
  app: [
    "Salesforce",
    "SAP",
    "Workday",
    "Teams",
    "Outlook",
    "Excel",
    "SharePoint",
    "Jira",
    "Confluence",
    "Zoom",
    "Adobe Acrobat",
    "Power BI",
    "DocuSign",
    "Slack",
  ],
  site: ["Berlin", "London", "Madrid", "Lyon", "Warsaw", "Dublin", "the head office"],
  floor: ["2nd floor", "3rd floor", "4th floor", "ground floor", "5th floor", "basement"],
  room: [
    "meeting room Oak",
    "meeting room Birch",
    "the boardroom",
    "training room 1",
    "meeting room Cedar",
    "the open space",
  ],
  printer: ["PRN-BER-204", "PRN-LON-311", "PRN-MAD-102", "PRN-HQ-401", "PRN-WAR-015", "PRN-DUB-220"],
  device: ["laptop", "docking station", "monitor", "keyboard", "headset", "webcam", "mouse"],
  model: ["Latitude 7440", "ThinkPad T14", "EliteBook 840", "MacBook Pro 14", "XPS 13"],
  share: ["\\\\fs01\\finance", "\\\\fs02\\projects", "\\\\fs01\\hr", "\\\\fs03\\sales", "\\\\fs02\\marketing"],
  server: ["srv-app-03", "srv-db-01", "srv-file-02", "srv-web-05", "srv-print-01", "srv-backup-02"],
  phone: ["iPhone 15", "Galaxy S23", "Pixel 8", "iPhone 13"],
  time: [
    "this morning",
    "since yesterday",
    "since the update last night",
    "after lunch",
    "since Monday",
    "for about an hour",
  ],
  error: ["0x80070005", "0x800CCC0E", "ERR_CONNECTION_RESET", "HTTP 503", "error 1603", "timeout 10060"],
  n: ["2", "3", "5", "8", "10", "12"],
};

export const CATEGORIES: CategoryTexts[] = [
  {
    name: "Network & VPN",
    escalateTo: "Network",
    weight: { incident: 14, request: 4 },
    incidents: [
      {
        title: "VPN disconnects every few minutes",
        description: "My VPN connection drops {time}. I have to reconnect every few minutes and lose my work in {app}.",
      },
      {
        title: "No Wi-Fi on the {floor} in {site}",
        description:
          "Nobody on the {floor} can connect to the corporate Wi-Fi {time}. The network is visible but " +
          "the connection fails.",
      },
      {
        title: "Cannot reach {share} from home",
        description:
          "When I work from home the drive {share} does not open, even with the VPN connected. It worked last week.",
      },
      {
        title: "Very slow network in {room}",
        description: "Video calls freeze and files take minutes to open in {room} in {site}. Other rooms seem fine.",
      },
      {
        title: "VPN client shows {error}",
        description: "The VPN client refuses to connect and shows {error}. I restarted my laptop twice.",
      },
      {
        title: "Network port dead at my desk",
        description:
          "The wall port at my desk on the {floor} in {site} gives no link light. I moved desks and the " +
          "port there works.",
      },
    ],
    requests: [
      {
        title: "Guest Wi-Fi for visitors on {site} site",
        description:
          "We have {n} visitors from a partner next week in {site}. Please create guest Wi-Fi access for three days.",
      },
      {
        title: "VPN access for a new contractor",
        description: "Our new contractor starts on Monday and needs VPN access to reach {share}.",
      },
      {
        title: "Extra network port in {room}",
        description: "Please activate a second network port in {room} for the new conference system.",
      },
    ],
    notes: [
      "Checked the VPN gateway logs: repeated rekey failures from this client. Asked for the client version.",
      "Access point on the {floor} shows high channel utilisation. Rebooted it, monitoring.",
      "Switch port was err-disabled after a loop detection. Re-enabled, cable swapped.",
      "Split tunnel profile outdated on this laptop. Pushed the current profile.",
    ],
    fixes: [
      "The VPN profile on your laptop was outdated: we pushed the current one. Please reconnect once and " +
        "let us know if it drops again.",
      "The access point on your floor was replaced and the Wi-Fi is stable again.",
      "The port was re-enabled on the switch and the cable replaced. Your desk is connected again.",
      "Access has been granted; the details were sent by email.",
    ],
  },
  {
    name: "Email & Calendar",
    escalateTo: "Applications",
    weight: { incident: 12, request: 5 },
    incidents: [
      {
        title: "Outlook keeps asking for my password",
        description: "Outlook prompts for my password again and again {time}. I enter it and the prompt comes back.",
      },
      {
        title: "Emails to external addresses bounce",
        description:
          "Every email I send to customers bounces back with a delivery failure ({error}). Internal emails work.",
      },
      {
        title: "Shared mailbox missing in Outlook",
        description:
          "The shared mailbox of my team disappeared from Outlook {time}. I can still open it in the browser.",
      },
      {
        title: "Calendar invites arrive without the Teams link",
        description: "Invitations I send from Outlook no longer include the Teams meeting link.",
      },
      {
        title: "Mailbox full, cannot send",
        description:
          "Outlook says my mailbox is full and I cannot send anything. I archived old mail but it still complains.",
      },
    ],
    requests: [
      {
        title: "Access to the shared mailbox of {site} reception",
        description: "I am covering reception in {site} for two weeks. Please give me access to the reception mailbox.",
      },
      {
        title: "New distribution list for the project team",
        description:
          "Please create a distribution list for our project team with {n} members (list attached in the " +
          "description below).",
      },
      {
        title: "Out-of-office for a colleague on sick leave",
        description:
          "A colleague is on sick leave and cannot set the automatic reply. Please set it until the end of the month.",
      },
    ],
    notes: [
      "Modern authentication token was stale; cleared the credential manager entries remotely.",
      "Message trace shows the bounces come from the recipient's SPF check, not from us. Checked our SPF record: fine.",
      "Mailbox at 49.5 GB of 50 GB. Enabled the online archive.",
      "Permission was removed by the quarterly access review by mistake. Re-adding.",
    ],
    fixes: [
      "We cleared the stored credentials and re-created your Outlook profile: the password prompts should be gone.",
      "The online archive is enabled on your mailbox: older mail moves there automatically and you can send again.",
      "The shared mailbox is back in your Outlook. It may take an hour to show all folders.",
      "Done: the access was granted, please restart Outlook.",
    ],
  },
  {
    name: "Hardware",
    escalateTo: "Infrastructure",
    weight: { incident: 12, request: 10 },
    incidents: [
      {
        title: "Laptop does not start",
        description: "My {model} shows a black screen when I press the power button. The charging light is on.",
      },
      {
        title: "Docking station not detecting monitors",
        description: "Since {time} my docking station does not detect my two monitors. The laptop screen works.",
      },
      { title: "Broken {device}", description: "My {device} stopped working {time}. I tried another USB port." },
      {
        title: "Laptop battery drains in an hour",
        description: "My {model} battery lasts about an hour now. It used to last a full day.",
      },
      {
        title: "Blue screen when undocking",
        description: "My laptop crashes with a blue screen every time I undock it.",
      },
    ],
    requests: [
      {
        title: "New laptop for a new hire",
        description:
          "A new colleague starts in {site} on the 1st. Please prepare a {model} with the standard software.",
      },
      {
        title: "Second monitor for my desk",
        description: "I would like a second monitor for my desk on the {floor}. My manager approved.",
      },
      { title: "Replacement {device}", description: "Please send me a replacement {device}; mine is worn out." },
      {
        title: "Laptop refresh: {model} is 4 years old",
        description: "My laptop is four years old and very slow. Am I eligible for a refresh?",
      },
    ],
    notes: [
      "Ran the vendor diagnostics remotely: battery health at 41%. Ordering a replacement battery.",
      "Docking station firmware outdated. Updated, still failing: swapping the dock.",
      "Device in stock in {site}; prepared and labelled for pick-up.",
      "Warranty case opened with the vendor.",
    ],
    fixes: [
      "A replacement is ready for you at the IT desk in {site}. Please bring the old one.",
      "The docking station firmware was updated and the dock replaced: both monitors work again.",
      "Your new laptop is ready, your files were migrated. Please sign in once on the dock to finish the setup.",
      "The vendor replaced the mainboard under warranty; the laptop is back on your desk.",
    ],
  },
  {
    name: "Software & Applications",
    escalateTo: "Applications",
    weight: { incident: 16, request: 12 },
    incidents: [
      {
        title: "{app} crashes on start",
        description:
          "{app} closes right after it opens {time}. I reinstalled it from the Software Center, same result.",
      },
      {
        title: "{app} very slow",
        description: "{app} takes minutes to load each page {time}. Colleagues in {site} see the same.",
      },
      { title: "Cannot open attachments in {app}", description: "Opening any attachment in {app} gives {error}." },
      {
        title: "{app} shows {error} when saving",
        description: "When I save my work in {app} I get {error} and the change is lost.",
      },
      {
        title: "Excel macros blocked",
        description:
          "The macros in our team's budget workbook are blocked {time}. We need them for the month-end close.",
      },
      {
        title: "{app} license expired message",
        description: "{app} tells me my license expired and switches to read-only mode.",
      },
    ],
    requests: [
      {
        title: "Install {app} on my laptop",
        description: "Please install {app}; I need it for a new project. My manager approved the license.",
      },
      {
        title: "{app} license for a new team member",
        description: "A new team member needs a {app} license from next week.",
      },
      {
        title: "Upgrade Adobe Acrobat to Pro",
        description: "I need to edit PDF forms; please upgrade my Acrobat Reader to Acrobat Pro.",
      },
      {
        title: "Access to the {app} reporting module",
        description: "Please give me access to the reporting module of {app} for the quarterly review.",
      },
    ],
    notes: [
      "Reproduced on a test machine with the same build. Collecting logs for the vendor.",
      "The crash matches a known issue of the latest update. Rolling back the package for this user.",
      "License pool shows {n} free licenses. Assigning one.",
      "Cleared the local cache and profile of {app}.",
    ],
    fixes: [
      "We rolled back the last update of {app} on your laptop; it starts normally again. A fixed version " +
        "will follow automatically.",
      "The license was assigned: sign out of {app} and back in to activate it.",
      "{app} is installed. You will find it in the start menu.",
      "The cache of {app} was cleared and it loads at normal speed again.",
    ],
  },
  {
    name: "Accounts & Access",
    escalateTo: "Security",
    weight: { incident: 14, request: 14 },
    incidents: [
      { title: "Account locked out", description: "My account is locked {time} and I cannot sign in to anything." },
      {
        title: "MFA prompts not arriving on my phone",
        description: "The authenticator app on my {phone} does not receive the sign-in prompts anymore.",
      },
      {
        title: "Cannot sign in to {app} with single sign-on",
        description: "Single sign-on to {app} fails with {error}. Other apps work.",
      },
      {
        title: "Password reset link does not work",
        description: "The self-service password reset link says it has expired even when I use it at once.",
      },
    ],
    requests: [
      {
        title: "Access to {share}",
        description: "Please give me read and write access to {share} for the audit preparation.",
      },
      {
        title: "New phone: move my authenticator",
        description: "I got a new {phone}. Please help me move my MFA to it.",
      },
      {
        title: "Admin rights on my laptop for one day",
        description: "I need temporary admin rights to install a driver for lab equipment.",
      },
      {
        title: "Offboarding: remove access of a leaver",
        description: "A colleague leaves on Friday. Please disable the account and forward the mailbox to the manager.",
      },
      {
        title: "Onboarding: accounts for a new employee",
        description:
          "A new employee starts in {site} next Monday in our team. Please create the accounts and the " +
          "usual group memberships.",
      },
    ],
    notes: [
      "Lockouts come from an old phone still syncing mail with the previous password.",
      "Identity verified by a call-back to the number in the HR system.",
      "Access approved by the data owner of {share} by email.",
      "Temporary admin rights granted with automatic removal after 24 h.",
    ],
    fixes: [
      "Your account is unlocked. The lockouts came from an old phone still using your previous password: " +
        "please update it there.",
      "Your MFA was reset; you registered the new phone successfully.",
      "The access was granted after the owner approved it. Please sign out and back in.",
      "Done: the accounts are ready and the credentials were handed to the manager.",
    ],
  },
  {
    name: "Printing",
    escalateTo: "Infrastructure",
    weight: { incident: 10, request: 3 },
    incidents: [
      {
        title: "Printer {printer} shows offline",
        description: "The printer {printer} on the {floor} shows offline for everyone {time}.",
      },
      {
        title: "Print jobs stuck in the queue",
        description: "My print jobs stay in the queue and never print. Restarting the laptop did not help.",
      },
      {
        title: "Scan to email not working on {printer}",
        description: "Scanning to email on {printer} fails with {error}.",
      },
      {
        title: "Paper jam error that will not clear",
        description: "{printer} reports a paper jam but there is no paper stuck.",
      },
    ],
    requests: [
      {
        title: "Add printer {printer} to my laptop",
        description: "I moved to the {floor} in {site}. Please add {printer} to my laptop.",
      },
      { title: "Toner for {printer}", description: "{printer} is almost out of black toner." },
    ],
    notes: [
      "Print spooler on srv-print-01 hung. Restarted the service.",
      "Printer got a new IP address after a DHCP change; updated the port.",
      "Service engineer booked with the print vendor.",
    ],
    fixes: [
      "The print server was restarted and {printer} prints again.",
      "The printer was added to your laptop; it is set as your default.",
      "The vendor's engineer replaced the fuser unit. The printer works again.",
    ],
  },
  {
    name: "Phones & Mobile",
    escalateTo: "Network",
    weight: { incident: 7, request: 5 },
    incidents: [
      { title: "Company {phone} not syncing email", description: "My company {phone} stopped syncing email {time}." },
      { title: "Desk phone has no dial tone", description: "My desk phone on the {floor} has no dial tone." },
      {
        title: "Teams calls drop after a minute",
        description: "Teams calls from my {phone} drop after about a minute.",
      },
    ],
    requests: [
      {
        title: "New mobile phone for field work",
        description: "I start field visits next month and need a company phone.",
      },
      {
        title: "Enrol my {phone} in device management",
        description: "Please help me enrol my {phone} so I can read work email on it.",
      },
    ],
    notes: [
      "Device shows as non-compliant in device management: OS too old.",
      "SIP registration failing for this extension. Re-provisioned the phone.",
    ],
    fixes: [
      "Your phone was re-enrolled and email syncs again.",
      "The desk phone was re-provisioned and has a dial tone again.",
      "Your new phone is ready to collect at the IT desk.",
    ],
  },
  {
    name: "Security",
    escalateTo: "Security",
    weight: { incident: 7, request: 2 },
    incidents: [
      {
        title: "Suspicious email asking for my password",
        description:
          "I received an email that looks like a {app} sign-in page asking for my password. I did not click the link.",
      },
      {
        title: "I clicked a link in a phishing email",
        description: "I clicked a link in an email {time} and entered my password before I realised it was fake.",
      },
      {
        title: "Antivirus warning on my laptop",
        description: "The antivirus shows a threat warning on my laptop and asks me to restart.",
      },
      {
        title: "Lost company laptop",
        description: "I lost my company laptop on the train {time}. It has the disk encryption enabled.",
      },
    ],
    requests: [
      {
        title: "Security review of a new SaaS tool",
        description: "Our team would like to use a new SaaS tool for surveys. Can security review it?",
      },
      { title: "Encrypted USB stick", description: "I need an encrypted USB stick to hand documents to the auditors." },
    ],
    notes: [
      "Reported message purged from {n} other mailboxes. Sender domain blocked.",
      "Password reset forced and sessions revoked; no suspicious sign-ins found after the click.",
      "Device wiped remotely and marked lost in the asset register.",
      "EDR shows the threat quarantined; full scan clean.",
    ],
    fixes: [
      "Thank you for reporting it: the email was removed from all mailboxes and the sender blocked.",
      "Your password was reset and your sessions revoked; we found no misuse of your account.",
      "The laptop was wiped remotely. A replacement is ready at the IT desk.",
      "The threat was quarantined and a full scan found nothing else. No action needed on your side.",
    ],
  },
  {
    name: "Servers & Storage",
    escalateTo: "Infrastructure",
    weight: { incident: 8, request: 4 },
    incidents: [
      { title: "{share} is very slow", description: "Opening files on {share} takes minutes {time}." },
      {
        title: "Cannot restore a deleted folder on {share}",
        description: "I deleted a folder on {share} by mistake yesterday. The previous versions tab is empty.",
      },
      { title: "{server} not responding", description: "Our team's application on {server} does not respond {time}." },
      {
        title: "Disk quota exceeded on home drive",
        description: "I cannot save to my home drive: the quota is exceeded.",
      },
    ],
    requests: [
      {
        title: "Restore a file from backup",
        description: "Please restore the file budget-final.xlsx on {share} as it was last Friday.",
      },
      {
        title: "New project folder on {share}",
        description: "Please create a project folder on {share} with access for {n} people.",
      },
      {
        title: "More storage for the team share",
        description: "Our team share {share} is almost full. Can we get 200 GB more?",
      },
    ],
    notes: [
      "Storage latency spike on the volume hosting {share}; snapshot job overlapping with business hours.",
      "Restored from last night's backup to an alternate location for the user to check.",
      "Volume extended by 200 GB after approval by the budget owner.",
      "{server} ran out of memory; restarted the service and opened a capacity review.",
    ],
    fixes: [
      "The folder was restored from the backup of the night before. Please check it is complete.",
      "The snapshot schedule was moved out of business hours; {share} is fast again.",
      "The team share was extended by 200 GB.",
      "{server} was restarted and has more memory now.",
    ],
  },
];

/** Replies an agent sends first, signed by their first name. */
export const ACKNOWLEDGEMENTS = [
  "Hi {requester}, thanks for reporting this. I'm looking into it now.\n\n{agent}",
  "Hello {requester}, I've picked up your ticket and will get back to you shortly.\n\n{agent}",
  "Hi {requester}, thank you. I'm checking this and will update you within the hour.\n\n{agent}",
  "Hi {requester}, I can see the issue on our side too. Working on it.\n\n{agent}",
];

/** An agent's question that puts the ticket Pending, and the requester's answer. */
export const QUESTIONS = [
  "Could you send me a screenshot of the error message?",
  "Does this happen on another computer too?",
  "When would suit you for a remote session? I need about 15 minutes.",
  "Could you tell me the asset tag on the bottom of the device?",
  "Has anything changed on your side recently (new software, new location)?",
  "Can your manager confirm the request by replying here?",
];
export const ANSWERS = [
  "Here it is. It happens every time I try.",
  "Yes, same problem on a colleague's computer.",
  "Tomorrow at 10:00 works for me.",
  "The tag says {n}A-4471.",
  "Not that I know of. It started after the weekend.",
  "Approved. Thanks!",
  "I tried again today and it still fails.",
];

/** A requester confirming a fix. */
export const THANKS = [
  "Works now, thank you!",
  "Confirmed, all good. Thanks for the quick help.",
  "Perfect, thanks.",
  "Yes, that fixed it.",
];

export const ESCALATION_NOTES = [
  "Needs {group}: outside what the desk can change. Basic checks done (restart, cache, reinstall).",
  "Escalating to {group}: the logs point to the back end, not the client.",
  "Several users affected; {group} to investigate.",
  "Requires admin access that only {group} has.",
];

/** Problems, changes and jobs, opened by specialists in their groups. */
export const AGENT_WORK: Record<SpecialistGroup, { problems: Text[]; changes: Text[]; jobs: Text[] }> = {
  Network: {
    problems: [
      {
        title: "Recurring VPN disconnects for remote users",
        description: "Many incidents about VPN drops since the gateway update. Find the root cause.",
      },
      {
        title: "Wi-Fi instability on the {floor} in {site}",
        description: "Repeated complaints about Wi-Fi drops on the same floor. Suspected channel interference.",
      },
    ],
    changes: [
      {
        title: "Upgrade VPN gateway firmware",
        description:
          "Upgrade both VPN gateways to the vendor's fixed firmware in the Saturday window. Rollback: " +
          "previous image kept.",
      },
      {
        title: "Replace access points on the {floor} in {site}",
        description: "Replace the six old access points with current models. Two hours, outside business hours.",
      },
      {
        title: "Add firewall rule for the new payroll provider",
        description: "Allow outbound HTTPS to the payroll provider's new address range.",
      },
    ],
    jobs: [
      {
        title: "Quarterly firewall rule review",
        description: "Review unused and temporary firewall rules and remove expired ones.",
      },
      {
        title: "Renew Wi-Fi certificates",
        description: "The RADIUS server certificate expires next month: renew and deploy.",
      },
    ],
  },
  Applications: {
    problems: [
      {
        title: "{app} crashes after the latest update",
        description: "Several incidents with the same crash after the update. Work with the vendor on a fix.",
      },
      {
        title: "Outlook password prompts for many users",
        description:
          "Repeated incidents about password prompts. Investigate token lifetime and the authentication policy.",
      },
    ],
    changes: [
      {
        title: "Deploy {app} update to all laptops",
        description: "Roll out the fixed version of {app} in three waves over a week.",
      },
      {
        title: "Enable the online archive for all mailboxes over 40 GB",
        description: "Turn on online archiving to prevent mailbox-full incidents.",
      },
    ],
    jobs: [
      {
        title: "Monthly license reconciliation for {app}",
        description: "Compare assigned licenses with active users and reclaim unused ones.",
      },
      {
        title: "Remove leavers from distribution lists",
        description: "Monthly clean-up of distribution lists against the HR leavers report.",
      },
    ],
  },
  Infrastructure: {
    problems: [
      {
        title: "File shares slow every morning",
        description: "Incidents about slow shares every morning between 9 and 10. Suspected snapshot schedule.",
      },
      {
        title: "Print server hangs weekly",
        description: "The print spooler hangs about once a week, causing many printing incidents.",
      },
    ],
    changes: [
      {
        title: "Move snapshot schedule out of business hours",
        description: "Reschedule storage snapshots to 01:00 to stop morning slowness.",
      },
      {
        title: "Patch {server} with the monthly updates",
        description: "Apply this month's security updates to {server}. Reboot in the Thursday window.",
      },
      {
        title: "Add memory to {server}",
        description: "Increase memory from 16 to 32 GB after repeated out-of-memory incidents.",
      },
    ],
    jobs: [
      { title: "Monthly restore test", description: "Restore a random sample of files from backup and verify them." },
      { title: "Patch Tuesday: servers", description: "Apply and verify the monthly updates on all servers." },
      { title: "Replace backup tapes", description: "Rotate the weekly tapes to the off-site storage." },
    ],
  },
  Security: {
    problems: [
      {
        title: "Phishing campaign impersonating {app}",
        description: "A wave of reports about the same phishing email. Block, clean up and raise awareness.",
      },
      {
        title: "Account lockouts from stale mobile devices",
        description: "Many lockouts come from old phones still using previous passwords.",
      },
    ],
    changes: [
      {
        title: "Block legacy authentication protocols",
        description: "Disable legacy authentication for mail after the communication period.",
      },
      {
        title: "Roll out number matching for MFA",
        description: "Turn on number matching for push notifications for all users.",
      },
    ],
    jobs: [
      {
        title: "Quarterly access review",
        description: "Send the access review to data owners and apply the removals.",
      },
      { title: "Review privileged accounts", description: "Check that every admin account has an owner and MFA." },
    ],
  },
};

export const WORK_NOTES_GENERIC = [
  "Checked the monitoring dashboards: nothing abnormal at the reported time.",
  "Called the user, no answer. Will try again this afternoon.",
  "Remote session done, collected logs.",
  "Same symptom reported by another user in the same team.",
  "Waiting for the vendor's answer on the support case.",
];
