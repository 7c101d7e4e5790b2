import AxeBuilder from "@axe-core/playwright";
import { test, expect, cast, hydrated } from "./fixtures";

// WCAG 2.2 AA, kept: axe-core checks every route, signed out and signed in,
// in English and in Spanish, at a phone's width and a desktop's, with
// JavaScript on and off (the two projects). Any violation of a WCAG 2.0, 2.1 or 2.2 A or AA rule fails.
// axe itself runs as a script, so "off" means the page's own scripts and
// wasm are refused: the page is exactly what the server sent.

const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];
const WIDTHS = [
  { width: 360, height: 780 },
  { width: 1280, height: 900 },
];
const SIGNED_OUT = ["/", "/login", "/signup", "/forgot-password", "/conduct", "/install", "/programs"];

for (const lang of ["en", "es"]) test(`every page meets WCAG 2.2 AA at phone and desktop widths (${lang})`, async ({ browser, baseURL, javaScriptEnabled: js }) => {
  test.setTimeout(300_000);
  const { mentor, paths } = await cast(browser, js);
  const signedIn = await mentor.page.context().storageState();
  const found: string[] = [];
  for (const [paths_, state] of [
    [SIGNED_OUT, undefined],
    [paths, signedIn],
  ] as const) {
    const context = await browser.newContext({ javaScriptEnabled: true, storageState: state, locale: lang });
    // The reader's choice, over the member's saved one.
    await context.addCookies([{ name: "carrel_lang", value: lang, url: baseURL! }]);
    if (!js) await context.route(/\.(js|wasm)(\?.*)?$/, (route) => route.abort());
    const page = await context.newPage();
    for (const path of paths_) {
      await page.setViewportSize(WIDTHS[0]);
      await page.goto(path);
      await hydrated(page, js);
      await expect(page.locator("html")).toHaveAttribute("lang", lang);
      // Reflow (WCAG 1.4.10): at 320 CSS px, which is also 1280 px at 400% zoom,
      // nothing needs a sideways scroll.
      await page.setViewportSize({ width: 320, height: 780 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) found.push(`${lang} ${path} @320px: the page is ${overflow}px wider than the screen`);
      // The same page, laid out at each width.
      for (const viewport of WIDTHS) {
        await page.setViewportSize(viewport);
        const { violations, passes } = await new AxeBuilder({ page }).withTags(TAGS).analyze();
        // A page axe could not read would pass nothing.
        expect(passes.length, `${path}: rules that passed`).toBeGreaterThan(10);
        for (const v of violations) {
          const where = v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ");
          found.push(`${lang} ${path} @${viewport.width}px: ${v.id} (${v.impact}) ${v.help}: ${where}`);
        }
        test.info().annotations.push({ type: "axe", description: `${lang} ${path} @${viewport.width}px: ${violations.length} violations` });
      }
    }
    await context.close();
  }
  expect(found, found.join("\n")).toEqual([]);
});
