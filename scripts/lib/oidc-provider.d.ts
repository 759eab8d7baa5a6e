/** The few parts of `oidc-provider` (it ships no types) that scripts/lib/oidc-idp.ts uses. */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  type Grant = {
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  };
  type GrantConstructor = {
    new (init: { clientId: string; accountId: string }): Grant;
    find(id: string): Promise<Grant | undefined>;
  };
  type Context = {
    oidc: {
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      client?: { clientId: string };
      provider: { Grant: GrantConstructor };
    };
  };
  type Account = { accountId: string; claims: () => Record<string, unknown> | Promise<Record<string, unknown>> };

  export default class Provider {
    constructor(
      issuer: string,
      configuration: {
        clients?: Record<string, unknown>[];
        claims?: Record<string, string[]>;
        conformIdTokenClaims?: boolean;
        findAccount?: (ctx: Context, id: string) => Promise<Account | undefined>;
        loadExistingGrant?: (ctx: Context) => Promise<Grant | undefined>;
        [key: string]: unknown;
      },
    );
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    /** A Koa middleware around every endpoint. */
    use(
      middleware: (
        ctx: { path: string; method: string; body: unknown; status: number },
        next: () => Promise<void>,
      ) => Promise<void>,
    ): void;
  }
}
