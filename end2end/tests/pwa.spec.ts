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
    // Icons a launcher may crop to any shape, shortcuts for a long press, and
    // screenshots for the richer install sheet: each one is served.
    const maskable = manifest.icons.filter((i: { purpose?: string }) => i.purpose === "maskable");
    expect(maskable.map((i: { sizes: string }) => i.sizes)).toEqual(["192x192", "512x512"]);
    expect(manifest.shortcuts.map((s: { url: string }) => s.url)).toEqual(["/messages", "/mentors"]);
    expect(new Set(manifest.screenshots.map((s: { form_factor: string }) => s.form_factor))).toEqual(new Set(["narrow", "wide"]));
    for (const { src } of [...maskable, ...manifest.screenshots]) {
      const res = await request.get(src);
      expect(res.status(), src).toBe(200);
      expect(res.headers()["content-type"], src).toBe("image/png");
    }
    const spanish = await (await request.get("/manifest.es.webmanifest")).json();
    expect(spanish.shortcuts.map((s: { name: string }) => s.name)).toEqual(["Mensajes", "Buscar mentor"]);

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

  test("the install page offers the browser's prompt, and says how on an iPhone", async ({ page, open }) => {
    await open("/install");
    await expect(page.getByRole("heading", { name: "iPhone and iPad (Safari)" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Add to Home Screen" })).toBeVisible();
    const button = page.getByRole("button", { name: "Install Carrel" });
    // Hidden until the browser offers to install; then it asks the browser's prompt.
    await expect(button).toBeHidden();
    await page.evaluate(() => {
      const offer = Object.assign(new Event("beforeinstallprompt", { cancelable: true }), {
        prompt: async () => {
          (window as unknown as { prompted: boolean }).prompted = true;
        },
      });
      window.dispatchEvent(offer);
    });
    await button.press("Enter");
    await expect.poll(() => page.evaluate(() => (window as unknown as { prompted?: boolean }).prompted)).toBe(true);
    // A prompt is offered once: the button goes.
    await expect(button).toBeHidden();
    await expect(page.getByRole("link", { name: "Install the app" })).toHaveAttribute("href", "/install");
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
