import { LEVEL_LABEL } from "@/lib/validation/tickets";

/** The three levels of impact or urgency, most severe first, as <option>s. */
export function LevelOptions() {
  return ([1, 2, 3] as const).map((level) => (
    <option key={level} value={level}>
      {LEVEL_LABEL[level]}
    </option>
  ));
}
