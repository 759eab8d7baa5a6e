import "server-only";
import type { DbOrTx } from "../db/transaction";
import { isAgentRole } from "../tickets/actor";
import type { Role } from "../db/generated/enums";
import { savePreferencesInput, type SavePreferencesInput } from "@/lib/validation/mail";
import { loadPreferences, type MailPreferences } from "./preferences";

/** A person's mail settings as their settings page shows them (agents see the agents' ones too). */
export async function getMailSettings(
  db: DbOrTx,
  person: { id: string; role: Role },
): Promise<{ preferences: MailPreferences; agent: boolean }> {
  const preferences = (await loadPreferences(db, [person.id])).get(person.id)!;
  return { preferences, agent: isAgentRole(person.role) };
}

/** Saves the settings sent (the rest keep their value); returns all of them. */
export async function saveMailSettings(
  db: DbOrTx,
  person: { id: string; role: Role },
  rawInput: SavePreferencesInput,
): Promise<{ preferences: MailPreferences; agent: boolean }> {
  const input = savePreferencesInput.parse(rawInput);
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  await db.mailPreference.upsert({
    where: { userId: person.id },
    create: { userId: person.id, ...changes },
    update: { ...changes, updatedAt: new Date() },
  });
  return getMailSettings(db, person);
}
