/**
 * `npm run idp`: a local OpenID provider that knows the demo people, so single sign-on and the
 * license rules can be tried on one machine. Start it, then start seatdesk with the two variables
 * it prints (README, "Single sign-on").
 */
import "./lib/allow-server-only";
import { IDP_CLIENT_ID, startLocalIdp } from "./lib/oidc-idp";

const port = Number(process.env.IDP_PORT ?? 4000);
const appUrl = process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

startLocalIdp({ port, appUrl }).then(
  (idp) => {
    console.log(
      `Local OpenID provider at ${idp.issuer} (client ${IDP_CLIENT_ID}, redirect ${appUrl}/api/auth/callback/oidc).`,
    );
    console.log("Start seatdesk with:");
    console.log(`  OIDC_ISSUER=${idp.issuer} OIDC_LOCAL_IDP=1 npm start`);
    console.log("Sign in with a demo email (admin@acme.test, desk01@acme.test, newhire1@acme.test, …), any password.");
    const stop = () => void idp.stop().then(() => process.exit(0));
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  },
  (error: unknown) => {
    console.error(
      (error as { code?: string }).code === "EADDRINUSE"
        ? `Port ${port} is busy: set IDP_PORT to another.`
        : error instanceof Error
          ? error.message
          : error,
    );
    process.exit(1);
  },
);
