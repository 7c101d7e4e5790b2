import { test, expect } from "./fixtures";

// The language switcher at the foot of every page is a plain form: it works
// with JavaScript off, and the choice holds on the next page.
test("a visitor switches to Spanish and back", async ({ page, open }) => {
  await open("/programs");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByRole("button", { name: "Español" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "es");
  // Back on the page it was chosen on, now in Spanish.
  await expect(page).toHaveURL(/\/programs\??$/);
  await expect(page.getByRole("navigation", { name: "Principal" })).toContainText("Iniciar sesión");
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute("href", "/manifest.es.webmanifest");
  await open("/login");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Iniciar sesión");
  await expect(page).toHaveTitle("Iniciar sesión · Carrel");
  await expect(page.getByRole("button", { name: "Español" })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
});

test.describe("a browser that asks for Spanish", () => {
  test.use({ locale: "es-MX" });
  test("gets Spanish without choosing", async ({ page, open }) => {
    await open("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "es");
    await expect(page.getByRole("link", { name: "Unirse" })).toBeVisible();
  });
});
