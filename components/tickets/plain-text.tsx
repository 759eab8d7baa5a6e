import { cn } from "@/lib/utils";
import { linkify } from "@/lib/text/linkify";

/**
 * Text people typed (descriptions, replies), shown exactly as typed: line breaks kept, http(s)
 * links clickable, and markup or script shown as text, never run. React escapes every text
 * part; there is no dangerouslySetInnerHTML anywhere on this path.
 */
export function PlainText({
  text,
  className,
  empty = "No description.",
}: {
  text: string;
  className?: string;
  empty?: string;
}) {
  if (!text.trim()) return <p className={cn("text-sm italic text-muted-foreground", className)}>{empty}</p>;
  return (
    <div className={cn("whitespace-pre-wrap break-words text-sm leading-relaxed", className)}>
      {linkify(text).map((part, i) =>
        part.kind === "link" ? (
          <a
            key={i}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="text-primary underline underline-offset-2 hover:no-underline"
          >
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </div>
  );
}
