import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import { getServerSession } from "next-auth";
import { authOptions } from "./options";
import { findValidSession, type ValidSession } from "./auth-sessions";
import { getDb } from "../db/client";

/**
 * The signed-in person for this request (server components and route handlers), checked
 * against the server-side session row: null once the session ended or the account was disabled.
 */
export const getCurrentSession = cache(async (): Promise<ValidSession | null> => {
  const session = await getSessionEvenIfEnrolling();
  // A session that must first set up its second factor counts as signed out everywhere but there.
  return session && !session.mfaEnrolmentRequired ? session : null;
});

/** The session, including one limited to MFA enrolment: only for the enrolment page and area redirects. */
export const getSessionEvenIfEnrolling = cache(async (): Promise<ValidSession | null> => {
  // Reading the cookies first marks every page that asks "who is this?" as dynamic, so
  // `next build` never tries to prerender one (which would need the database and the secret).
  await cookies();
  const session = await getServerSession(authOptions());
  if (!session?.sid) return null;
  return findValidSession(getDb(), session.sid);
});
