import { test, expect } from "./fixtures";

test("the home page says what Carrel is", async ({ page, open }) => {
  await open("/");
  await expect(page).toHaveTitle(/Carrel/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("librarians");
  await expect(page.getByRole("link", { name: "Join Carrel" })).toBeVisible();
});

test.describe("a missing page", () => {
  // Chromium logs the 404 of the document itself as a console error.
  test.use({ allowedConsoleErrors: [/status of 404 .*\/no\/such\/page\)$/] });

  test("gets a 404 page with a way home", async ({ page }) => {
    const res = await page.goto("/no/such/page");
    expect(res?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Sign in");
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("fits a 360 px wide phone", async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/no/such/page");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test("pages fit a 360 px wide phone without sideways scrolling", async ({ page, open }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const path of ["/", "/signup", "/login", "/logout", "/conduct"]) {
    await open(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${path} overflows by ${overflow}px`).toBeLessThanOrEqual(0);
  }
});

test("keyboard users can skip to the content and see where focus is", async ({ page, open }) => {
  await open("/");
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  const outline = await skip.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).not.toBe("none");
});
