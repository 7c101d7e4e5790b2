import { readFileSync, statSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { test, expect, cast, watchConsole } from "./fixtures";

// Phones first: every route opened directly hydrates with no console error and
// downloads at most the budget of JavaScript + wasm; a second visit downloads
// none; the header's links lead through the app; built files are served
// precompressed and cached for a year. With JavaScript off, every route works.

const BUDGET = 200_000; // bytes as transferred, as in scripts/budget.py


/** Bytes of JavaScript and wasm the page fetched over the network (not from a
 *  cache): the compressed bodies, as scripts/budget.py counts them. */
async function scriptBytes(context: BrowserContext, page: Page): Promise<() => number> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  const scripts = new Set<string>();
  let bytes = 0;
  cdp.on("Network.requestWillBeSent", (e) => {
    const path = new URL(e.request.url).pathname;
    if (path.startsWith("/pkg/") && /\.(js|wasm)$/.test(path)) scripts.add(e.requestId);
  });
  // Body chunks as they came off the network (0 when a cache answered).
  cdp.on("Network.dataReceived", (e) => {
    if (scripts.has(e.requestId)) bytes += e.encodedDataLength;
  });
  return () => bytes;
}

test.describe("every route with JavaScript", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "hydration and downloads need JavaScript");

  test("opens directly, hydrates cleanly, stays within the budget, and comes back from the cache", async ({ browser }) => {
    test.setTimeout(180_000);
    const { mentor, paths } = await cast(browser, true);
    const signedIn = await mentor.page.context().storageState();
    const signedOut = ["/login", "/forgot-password"];
    for (const path of [...signedOut, ...paths]) {
      // A first visit: a browser that has never seen Carrel.
      const context = await browser.newContext(signedOut.includes(path) ? {} : { storageState: signedIn });
      const page = await context.newPage();
      const errors = watchConsole(page);
      const downloaded = await scriptBytes(context, page);
      await page.goto(path);
      await expect(page.locator("body[data-hydrated]"), path).toHaveCount(1);
      await expect(page.locator("main h1").first(), path).toBeVisible();
      expect(downloaded(), `${path}: JavaScript + wasm bytes on a first visit`).toBeLessThanOrEqual(BUDGET);
      expect(downloaded(), `${path}: some code arrived`).toBeGreaterThan(0);
      test.info().annotations.push({ type: "first visit", description: `${path}: ${downloaded()} bytes` });
      // The same page again: everything it runs is already here.
      const before = downloaded();
      await page.reload();
      await expect(page.locator("body[data-hydrated]"), path).toHaveCount(1);
      expect(downloaded() - before, `${path}: bytes on a repeat visit`).toBe(0);
      expect(errors, `${path}: console errors`).toEqual([]);
      await context.close();
    }
  });

  test("the header's links lead from page to page, each hydrated", async ({ browser }) => {
    const { mentor } = await cast(browser, true);
    const page = mentor.page;
    await page.goto("/");
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const [link, path] of [
      ["Mentors", "/mentors"],
      ["My mentoring", "/mentorships"],
      ["Programs", "/programs"],
      ["Messages", "/messages"],
      ["Shortlist", "/me/shortlist"],
      ["Profile", "/me/profile"],
      ["Notifications", "/notifications"],
      ["Queue", "/admin/assignments"],
    ]) {
      await nav.getByRole("link", { name: link }).first().click();
      await expect(page).toHaveURL(new RegExp(`${path}$`));
      await expect(page.locator("body[data-hydrated]"), path).toHaveCount(1);
      await expect(page.locator("main h1").first(), path).toBeVisible();
    }
    expect(mentor.errors).toEqual([]);
  });
});

test("without JavaScript every route still renders in full", async ({ browser, javaScriptEnabled }) => {
  test.skip(javaScriptEnabled, "the JavaScript-on run is above");
  test.setTimeout(120_000);
  const { mentor, paths } = await cast(browser, false);
  for (const path of paths) {
    const res = await mentor.page.goto(path);
    expect(res?.status(), path).toBe(200);
    await expect(mentor.page.locator("main h1").first(), path).toBeVisible();
  }
});

test("built files are served precompressed and kept for a year", async ({ request }) => {
  const html = await (await request.get("/")).text();
  const script = html.match(/href="(\/pkg\/carrel\.[\w-]+\.js)"/)?.[1];
  const wasm = html.match(/href="(\/pkg\/carrel\.[\w-]+\.wasm)"/)?.[1];
  const css = html.match(/href="(\/pkg\/carrel\.[\w-]+\.css)"/)?.[1];
  expect([script, wasm, css], "hashed names in the page").not.toContain(undefined);
  for (const path of [script!, wasm!, css!]) {
    for (const encoding of ["br", "gzip"]) {
      const res = await request.get(path, { headers: { "accept-encoding": encoding } });
      expect(res.status(), path).toBe(200);
      const headers = res.headers();
      expect(headers["cache-control"], path).toBe("public, max-age=31536000, immutable");
      expect(headers["content-encoding"], `${path} ${encoding}`).toBe(encoding);
      // The very file the build wrote, not one compressed for this request.
      const file = `../target/site${path}.${encoding === "br" ? "br" : "gz"}`;
      expect(Number(headers["content-length"]), `${path}.${encoding}`).toBe(statSync(file).size);
    }
  }
  // Files without a hashed name are checked each time instead.
  const worker = await request.get("/sw.js");
  expect(worker.headers()["cache-control"]).toBe("no-cache");
  const body = await worker.text();
  expect(body).toContain(script);
  expect(body).not.toContain("__CARREL_");
  expect(readFileSync("../target/release/hash.txt", "utf8")).toContain(wasm!.split(".")[1]);
});
