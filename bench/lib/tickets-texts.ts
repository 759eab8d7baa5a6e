import { seededRandom } from "../../prisma/demo/ticket-random";
import { ACKNOWLEDGEMENTS, ANSWERS, CATEGORIES, QUESTIONS, THANKS } from "../../prisma/demo/ticket-texts";

const FIXES_AND_NOTES = [
  ...CATEGORIES.flatMap((c) => [...c.fixes, ...c.notes]),
  ...ACKNOWLEDGEMENTS,
  ...QUESTIONS,
  ...ANSWERS,
  ...THANKS,
];

/*
 * The words of the benchmark's tickets: the demo's templates (prisma/demo/ticket-texts.ts),
 * each filled a number of times, so titles and descriptions are as varied as a desk's and
 * full-text search has common and rare words to find.
 */
export type BenchTexts = {
  titles: string[];
  descriptions: string[];
  categories: string[];
  types: ("INCIDENT" | "REQUEST")[];
  replies: string[];
};

export function benchTexts(variants = 12): BenchTexts {
  const r = seededRandom(20261125);
  const out: BenchTexts = { titles: [], descriptions: [], categories: [], types: [], replies: [] };
  for (const category of CATEGORIES) {
    for (const [type, texts] of [
      ["INCIDENT", category.incidents],
      ["REQUEST", category.requests],
    ] as const) {
      for (const text of texts) {
        for (let v = 0; v < variants; v++) {
          out.titles.push(r.fill(text.title));
          out.descriptions.push(r.fill(text.description));
          out.categories.push(category.name);
          out.types.push(type);
        }
      }
    }
  }
  for (const text of FIXES_AND_NOTES)
    for (let v = 0; v < 3; v++) out.replies.push(r.fill(text, { requester: "there", agent: "the service desk" }));
  return out;
}
