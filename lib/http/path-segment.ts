/**
 * A dynamic segment of a page address, decoded once more when it still holds percent-escapes
 * (a ticket number typed or linked as "INC%2D000123"), or null when it cannot be decoded (a
 * malformed escape such as "%E0%A4%A") or holds text no ticket could have: the page then answers
 * 404 instead of failing with a 500.
 */
import { isStorableText } from "@/lib/text/storable";

export function decodePathSegment(segment: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return isStorableText(decoded) && decoded.length <= 200 ? decoded : null;
}
