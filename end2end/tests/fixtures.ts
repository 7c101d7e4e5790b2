import { test as base, expect, Page } from "@playwright/test";

// Shared set-up for every spec:
// * collects console errors and uncaught exceptions and fails the test if any
//   appeared (refusals from /api/ with a 4xx status are expected answers, and
//   Chromium logs those as failed loads, so they alone are allowed);
// * `open` visits a page and, with JavaScript on, waits until the wasm has hydrated it.
type Fixtures = {
  /** Console errors a test expects (say, the 404 of a page it opens on purpose). */
  allowedConsoleErrors: RegExp[];
  consoleErrors: string[];
  open: (path: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        const url = msg.location().url ?? "";
        const expectedRefusal =
          /status of 4\d\d/.test(msg.text()) && new URL(url, "http://x").pathname.startsWith("/api/");
        const line = `${msg.text()} (${url})`;
        if (!expectedRefusal && !allowedConsoleErrors.some((re) => re.test(line))) errors.push(line);
      });
      page.on("pageerror", (err) => errors.push(`uncaught: ${err.message}`));
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
  open: async ({ page, javaScriptEnabled }, use) => {
    await use(async (path: string) => {
      await page.goto(path);
      if (javaScriptEnabled) {
        await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
      }
    });
  },
});

export { expect };

let counter = 0;
/** An email address no other test (or earlier run) has used. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${process.pid}${counter}@example.org`;
}

export async function signUp(page: Page, email: string, name: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill("a quiet desk in the stacks");
  await page.getByLabel(/I have read and accept/).check();
  await page.getByRole("button", { name: "Create my account" }).click();
}
