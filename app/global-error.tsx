"use client";

import { GeistSans } from "geist/font/sans";
import { ErrorScreen } from "@/components/layout/error-screen";
import "./globals.css";

/**
 * When the root layout itself fails (or a page fails before any layout could render), this
 * replaces it, so it brings its own <html> and <body> (Next's global-error.js convention).
 */
export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en" className={GeistSans.variable}>
      <body className="min-h-screen font-sans">
        <ErrorScreen error={error} retry={retry} />
      </body>
    </html>
  );
}
