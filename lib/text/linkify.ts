/**
 * Splits plain text into text and http(s) link parts, for rendering typed text safely: the
 * caller renders text parts as React text (escaped, never HTML) and links as <a>. Only http and
 * https are ever linked (never javascript:, data: or anything else). Punctuation that usually
 * ends a sentence is left out of the link ("see https://x.test/a." links /a), but a closing
 * parenthesis that belongs to the URL ("https://x.test/Foo_(bar)") is kept.
 */
export type TextPart = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const SENTENCE_END = new Set([".", ",", ";", ":", "!", "?", "]", "}", ")"]);

const count = (s: string, c: string) => s.split(c).length - 1;

/**
 * Drops sentence punctuation from the end of a URL. Linear in the URL's length: the parentheses
 * are counted once and the count follows the trimming (counting again at every step made a URL
 * followed by 20,000 ")" cost seconds of CPU at every view of the ticket).
 */
function trimTrailing(url: string): string {
  const opens = count(url, "(");
  let closes = count(url, ")");
  let end = url.length;
  while (end > 0) {
    const c = url[end - 1]!;
    if (!SENTENCE_END.has(c)) break;
    if (c === ")") {
      if (opens >= closes) break;
      closes--;
    }
    end--;
  }
  return url.slice(0, end);
}

function isHttpUrl(candidate: string): boolean {
  try {
    const url = new URL(candidate);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimTrailing(match[0]);
    if (!isHttpUrl(url)) continue;
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    parts.push({ kind: "link", text: url, href: url });
    last = match.index + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}
