import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { trpcErrorMessage, trpcMutation } from "./trpc";

/*
 * The agent console's tickets, for browser tests: arranging tickets through the same procedures
 * the console calls (as the signed-in person of the request context), and finding them on screen.
 */

export type CreatedTicket = { id: string; displayNumber: string };

/** Calls a mutation and returns its result (superjson envelope), failing with the server's message. */
export async function mutate<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
  const response = await trpcMutation(request, path, input);
  if (!response.ok()) throw new Error(`${path} failed with ${response.status()}: ${await trpcErrorMessage(response)}`);
  return ((await response.json()) as { result: { data: { json: T } } }).result.data.json;
}

/** Opens a ticket from the console, as an agent (needs their seat): requester and fields as given. */
export function createConsoleTicket(
  request: APIRequestContext,
  input: Record<string, unknown>,
): Promise<CreatedTicket> {
  return mutate<CreatedTicket>(request, "consoleTickets.create", input);
}

/** Opens the ticket's workspace and waits for its title. */
export async function openTicket(page: Page, displayNumber: string, title?: string): Promise<void> {
  await page.goto(`/console/tickets/${displayNumber}`);
  await expect(page.getByText(displayNumber, { exact: false }).first()).toBeVisible();
  if (title) await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
}

/** The queue's row of a ticket, on the current page of the console's queues. */
export const queueRow = (page: Page, displayNumber: string) => page.getByTestId(`ticket-row-${displayNumber}`);

/** Chooses a queue tab and types a search, then waits for the table or the empty state. */
export async function showQueue(page: Page, tab: RegExp | string, search?: string): Promise<void> {
  await page.getByRole("tab", { name: tab }).click();
  await expect(page.getByRole("tab", { name: tab })).toHaveAttribute("aria-selected", "true");
  if (search !== undefined) await page.getByLabel("Search", { exact: true }).fill(search);
}

/** A word no other ticket contains, so a full-text search finds exactly the tickets of one test. */
export const uniqueWord = (prefix: string) => `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
