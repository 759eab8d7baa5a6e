import { z } from "zod";

/** What a token may do (README "API for programs"). No scope reaches administration or licenses. */
export const API_SCOPES = [
  "READ_TICKETS",
  "ACT_FOR_REQUESTERS",
  "ACT_FOR_AGENTS",
  "READ_KNOWLEDGE",
  "READ_REPORTS",
] as const;
export type ApiScopeValue = (typeof API_SCOPES)[number];
export const API_SCOPE_LABEL: Record<ApiScopeValue, string> = {
  READ_TICKETS: "Read tickets",
  ACT_FOR_REQUESTERS: "Act for requesters (end users)",
  ACT_FOR_AGENTS: "Act for agents (needs their seat)",
  READ_KNOWLEDGE: "Read the knowledge base",
  READ_REPORTS: "Read reports",
};

export const API_TOKEN_MAX_DAYS = 730;
export const API_RATE_LIMIT_DEFAULT = 600;
export const API_RATE_LIMIT_MAX = 100_000;

export const createApiAccountInput = z.strictObject({
  name: z.string().trim().min(2, "Give the account a name of 2 characters or more").max(80),
  purpose: z.string().trim().max(500).default(""),
  ownerEmail: z.email({ error: "Give the email of the person who owns this account" }).trim(),
});
export type CreateApiAccountInput = z.input<typeof createApiAccountInput>;

export const apiAccountIdInput = z.strictObject({ accountId: z.string().min(1) });
export const setApiAccountDisabledInput = z.strictObject({ accountId: z.string().min(1), disabled: z.boolean() });

export const issueApiTokenInput = z.strictObject({
  accountId: z.string().min(1),
  label: z.string().trim().min(1, "Say what the token is for (e.g. production)").max(80),
  scopes: z.array(z.enum(API_SCOPES)).min(1, "Choose at least one scope"),
  expiresInDays: z
    .number({ error: "Give the days until it expires" })
    .int()
    .min(1, "A token lives at least 1 day")
    .max(API_TOKEN_MAX_DAYS, `A token lives at most ${API_TOKEN_MAX_DAYS} days`),
  requestsPerMinute: z
    .number({ error: "Give a limit in requests per minute" })
    .int()
    .min(1, "Allow at least 1 request per minute")
    .max(API_RATE_LIMIT_MAX, `At most ${API_RATE_LIMIT_MAX.toLocaleString("en")} requests per minute`)
    .default(API_RATE_LIMIT_DEFAULT),
});
export type IssueApiTokenInput = z.input<typeof issueApiTokenInput>;

/** `id` (not tokenId: the audit log hides every key that says "token"). */
export const revokeApiTokenInput = z.strictObject({ id: z.string().min(1) });

export const API_USE_PERIODS = [7, 30, 90] as const;
export const apiUseReportInput = z.strictObject({
  days: z.coerce
    .number({ error: "Choose a period in days" })
    .int()
    .min(1, "Choose at least 1 day")
    .max(366, "Choose at most 366 days")
    .default(30),
});
export type ApiUseReportInput = z.input<typeof apiUseReportInput>;
export const API_USE_CSV_SECTIONS = ["accounts", "shared-logins"] as const;

export const SHARED_LOGIN_THRESHOLD_MIN = 2;
export const setSharedLoginThresholdInput = z.strictObject({
  threshold: z
    .number({ error: "Give a number of devices or addresses" })
    .int()
    .min(SHARED_LOGIN_THRESHOLD_MIN, `Flag from ${SHARED_LOGIN_THRESHOLD_MIN} devices or addresses at the least`)
    .max(50, "At most 50"),
});
