import NextAuth from "next-auth";
import { NextResponse } from "next/server";
import { authOptions } from "@/server/auth/options";
import { getDb } from "@/server/db/client";
import { normalizeEmail } from "@/server/auth/email";
import { lockedMessage, secondsLocked } from "@/server/auth/sign-in-throttle";

export const dynamic = "force-dynamic";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

function nextAuth(req: Request, context: RouteContext) {
  return NextAuth(authOptions())(req, context);
}

export function GET(req: Request, context: RouteContext) {
  return nextAuth(req, context);
}

/** A locked email gets a real 429 with a readable message, before next-auth sees the attempt. */
export async function POST(req: Request, context: RouteContext) {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => null);
    const email = form?.get("email");
    if (typeof email === "string" && email) {
      const seconds = await secondsLocked(getDb(), normalizeEmail(email));
      if (seconds > 0) {
        return NextResponse.json(
          { error: "Locked", message: lockedMessage(seconds) },
          { status: 429, headers: { "Retry-After": String(seconds) } },
        );
      }
    }
  }
  return nextAuth(req, context);
}
