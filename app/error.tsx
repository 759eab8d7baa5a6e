"use client";

import { ErrorScreen } from "@/components/layout/error-screen";

/**
 * The error boundary of every page below the root layout (Next's error.js convention): a
 * readable screen with "Try again" (retry: fetch the page from the server again) and a way home.
 */
export default function PageError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ErrorScreen error={error} retry={retry} />;
}
