import "server-only";

/*
 * A reply by mail carries the whole conversation below it. Only what the person wrote is kept:
 * the text is cut at the first line where quoted history starts, in the forms mail programs write
 * it ("On <date>, <name> wrote:", Outlook's "-----Original Message-----" or its "From: / Sent:"
 * header block, Gmail's "---------- Forwarded message" is kept as it is content), and trailing
 * quoted ("> ") lines and the desk's own footer are dropped. If nothing would be left, the text is
 * kept whole: losing what someone sent is worse than showing history twice.
 */

const HISTORY_STARTS = [
  /^\s*On .{0,300}wrote:\s*$/i, // On Mon, 7 Dec 2026 at 10:00, Desk <desk@...> wrote:
  /^\s*Am .{0,300}schrieb .{0,200}:\s*$/i,
  /^\s*Le .{0,300}a écrit\s*:\s*$/i,
  /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/, // Outlook's rule above its header block
  /^\s*From:\s.+$/i, // a header block (checked below: followed by Sent/Date/To/Subject)
  /^\s*seatdesk, the IT service desk\. Reply to this mail/i,
];

function startsHistory(lines: string[], i: number): boolean {
  const line = lines[i]!;
  const pattern = HISTORY_STARTS.findIndex((p) => p.test(line));
  if (pattern < 0) return false;
  if (HISTORY_STARTS[pattern]!.source.includes("From:")) {
    // A "From:" line only starts history when a header block follows it.
    return lines.slice(i + 1, i + 4).some((l) => /^\s*(Sent|Date|To|Subject|Cc):\s/i.test(l));
  }
  return true;
}

export function trimQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    if (startsHistory(lines, i)) {
      end = i;
      break;
    }
  }
  // "On ... wrote:" is sometimes wrapped over two lines: drop a dangling first half too.
  let kept = lines.slice(0, end);
  const trailing = (line: string) => /^\s*>/.test(line) || /^\s*(--)?\s*$/.test(line); // quotes, blanks, "-- "
  while (kept.length && trailing(kept[kept.length - 1]!)) kept.pop();
  if (
    kept.length &&
    /^\s*On .{0,200}$/i.test(kept[kept.length - 1]!) &&
    end < lines.length &&
    /wrote:\s*$/i.test(lines[end]!)
  )
    kept = kept.slice(0, -1);
  const result = kept.join("\n").trim();
  return result || text.trim();
}
