import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { signInViaApi } from "./auth";

/**
 * Several people at once, each in their own browser context (own cookies, own seat). Contexts
 * opened through the `people` fixture are closed when the test ends, signed out or not: the
 * seat reset of the next test (./seats.ts) frees whatever they held.
 */
export type Person = { email: string; context: BrowserContext; page: Page };

export class People {
  private readonly opened: BrowserContext[] = [];
  constructor(private readonly browser: Browser) {}

  /** Signs `email` in through the API and opens `path` in a new context. */
  async open(email: string, path: string): Promise<Person> {
    const context = await this.browser.newContext();
    this.opened.push(context);
    await signInViaApi(context, email);
    const page = await context.newPage();
    await page.goto(path);
    return { email, context, page };
  }

  /** Opens the console for `email` and waits until the seat indicator has an answer. */
  async openConsole(email: string): Promise<Person> {
    const person = await this.open(email, "/console");
    await expect(person.page.getByTestId("seat-indicator")).toBeVisible();
    return person;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.opened.splice(0).map((c) => c.close().catch(() => {})));
  }
}

export const test = base.extend<{ people: People }>({
  people: async ({ browser }, provide) => {
    const people = new People(browser);
    await provide(people);
    await people.closeAll();
  },
});

export { expect };
