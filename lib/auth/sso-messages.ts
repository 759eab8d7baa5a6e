/*
 * What the sign-in page says when single sign-on ends there (?error=<code>). The codes come from
 * three places: refusals of our own (server/identity/sso/sign-in.ts's SsoRefusal), next-auth's own
 * codes (OAuthSignin, OAuthCallback, …), and the specific reasons the auth route puts in place of
 * next-auth's catch-all OAuthCallback (server/identity/sso/failure.ts classifies openid-client's
 * error). One map, read by the page and by the tests.
 */
export const SSO_ERRORS = {
  SsoUnknownPerson: "Your identity provider signed you in, but you have no seatdesk account. Ask your service desk.",
  SsoDisabled: "This account is disabled. Ask your service desk to enable it.",
  SsoNoIdentity: "Your identity provider did not say who you are (the identifying claim is missing). Tell IT.",
  SsoNoEmail: "Your identity provider sent no email address for you. Tell IT.",
  SsoEmailTaken: "Your email belongs to another seatdesk account. Ask your service desk to link them.",
  SsoWrongIssuer:
    "Single sign-on failed: the answer came from a different identity provider than the one seatdesk trusts " +
    "(wrong issuer). Tell IT.",
  SsoBadSignature:
    "Single sign-on failed: the identity provider's answer was not signed with its key (bad signature). " +
    "Nothing was signed in. Tell IT.",
  SsoTokenExpired:
    "Single sign-on failed: the identity provider's answer had already expired when it arrived. Start again; " +
    "if it happens again, tell IT.",
  SsoClockSkew:
    "Single sign-on failed: the identity provider's clock and seatdesk's clock differ (its answer is dated in " +
    "the future). Tell IT to check the clocks.",
  SsoStateReplayed:
    "Single sign-on failed: this sign-in link was already used, or was started in another browser. Start again.",
  SsoNonceMismatch:
    "Single sign-on failed: the identity provider's answer belongs to another sign-in (nonce mismatch, a replayed " +
    "answer). Start again.",
  SsoUnreachable: "The identity provider could not be reached. Try again in a moment; if it persists, tell IT.",
  SsoProviderRefused: "The identity provider refused the sign-in. Start again; if it persists, tell IT.",
  OAuthSignin: "The identity provider could not be reached. Try again in a moment; if it persists, tell IT.",
  OAuthCallback: "Single sign-on failed: the identity provider's answer could not be verified. Start again.",
  Callback: "Single sign-on failed while opening your session. Start again; if it persists, tell IT.",
  OAuthAccountNotLinked: "This account cannot sign in this way.",
  AccessDenied: "Single sign-on was refused.",
  LocalPasswordsOff: "Sign in with your organisation's single sign-on: passwords are turned off.",
} as const;

export type SsoErrorCode = keyof typeof SSO_ERRORS;

export function ssoErrorMessage(code: string | null | undefined): string | null {
  if (!code || !Object.hasOwn(SSO_ERRORS, code)) return null;
  return SSO_ERRORS[code as SsoErrorCode];
}
