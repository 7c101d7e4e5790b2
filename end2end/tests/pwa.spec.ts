import { chromium } from "@playwright/test";
import { test, expect } from "./fixtures";

test.describe("installable app", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "service workers need JavaScript");

  test("Chromium considers Carrel installable", async ({ request, baseURL }, testInfo) => {
    const manifest = await (await request.get("/manifest.webmanifest")).json();
    expect(manifest.short_name).toBe("Carrel");
    expect(manifest.display).toBe("standalone");
    const sizes = manifest.icons.map((i: { sizes: string }) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512"]));

    // Chromium never offers to install from an incognito profile, which is what
    // Playwright's ordinary contexts are; a persistent profile is a real one.
    const launch = testInfo.project.use.launchOptions ?? {};
    const context = await chromium.launchPersistentContext(testInfo.outputPath("profile"), {
      executablePath: launch.executablePath,
      args: launch.args,
      baseURL,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.goto("/");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
      .toBe("activated");
    const cdp = await context.newCDPSession(page);
    await expect
      .poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors)
      .toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  test("without a network, pages show the offline page", async ({ page, context, open }) => {
    await open("/");
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    // The worker controls pages loaded after it activated.
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
    await context.setOffline(true);
    await page.goto("/conduct").catch(() => undefined);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
    await context.setOffline(false);
  });
});
