import "server-only";

/*
 * The client registration of the local OpenID provider (`npm run idp`, scripts/lib/oidc-idp.ts),
 * shared with seatdesk's configuration so OIDC_ISSUER and OIDC_LOCAL_IDP=1 are all it takes to
 * try single sign-on. A test secret, named as such: the local provider is for trying and tests.
 */
export const LOCAL_IDP_CLIENT_ID = "seatdesk-local";
export const LOCAL_IDP_CLIENT_SECRET = "local-idp-test-secret-not-for-production";
