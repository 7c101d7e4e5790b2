import type { Page } from "@playwright/test";
import { test, expect, pair, hydrated } from "./fixtures";

// Reading and writing without a connection (public/sw.js, outbox.js,
// register-sw.js): a mentee reads a saved thread on a train, writes a message
// that waits on the device, and it is sent once when the signal returns. Saved
// pages go at sign-out, and the next account on the device sees none of them.

test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, "service workers need JavaScript");

/** The paths of the pages this device keeps for reading offline. */
const savedPages = (page: Page) =>
  page.evaluate(async () => {
    const paths: string[] = [];
    for (const name of await caches.keys()) {
      if (!name.startsWith("carrel-pages-")) continue;
      for (const request of await (await caches.open(name)).keys()) paths.push(new URL(request.url).pathname);
    }
    return paths.sort();
  });

/** Console errors other than the loads Chromium reports failing while offline. */
const unexpected = (errors: string[]) => errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to fetch/.test(e));

test("a thread is read and written offline, and sent once when back online", async ({ browser }) => {
  const { mentor, mentee, thread } = await pair(
    browser,
    true,
    "Ines Offline",
    "Tomas Offline",
    "I start at a law library next month and want to settle in well.",
  );
  await mentor.page.goto(thread);
  await hydrated(mentor.page, true);
  await mentor.page.getByLabel("Message to Tomas Offline").fill("Welcome, Tomas. What would you like to work on first?");
  await mentor.page.getByRole("button", { name: "Send" }).click();
  const mentorThread = mentor.page.getByRole("region", { name: "Messages" });
  await expect(mentorThread).toContainText("What would you like to work on first?");

  // Pages load through the worker once it controls them; those are saved.
  const page = mentee.page;
  await page.goto(thread);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  for (const path of ["/messages", "/mentors", thread]) {
    await page.goto(path);
    await hydrated(page, true);
  }
  await expect.poll(() => savedPages(page)).toEqual(expect.arrayContaining(["/mentors", "/messages", thread]));

  // On the train: the thread reads as it was, and says when it was saved.
  await page.context().setOffline(true);
  await page.reload();
  await expect(page.locator(".offline-note")).toHaveText(/^Offline: saved at \d\d:\d\d/);
  const menteeThread = page.getByRole("region", { name: "Messages" });
  await expect(menteeThread).toContainText("What would you like to work on first?");

  // A message written now waits on the device, through a reload.
  const text = "Cataloguing, please. I am on the train and this goes when I have signal.";
  await page.getByLabel("Message to Ines Offline").fill(text);
  await page.getByRole("button", { name: "Send" }).click();
  const waiting = page.getByRole("region", { name: "Waiting to send" });
  await expect(waiting).toContainText(text);
  await expect(waiting.getByText("Waiting to send")).toBeVisible();
  await expect(page.getByLabel("Message to Ines Offline")).toHaveValue("");
  await page.reload();
  await expect(waiting).toContainText(text);

  // Other pages: the inbox reads offline; the directory's search says it needs a connection.
  await page.goto("/messages");
  await expect(page.locator(".offline-note")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Messages");
  await page.goto("/mentors");
  await hydrated(page, true);
  await page.getByRole("searchbox").fill("cataloguing");
  await expect(page.getByRole("alert").filter({ hasText: "Searching needs a connection." })).toBeVisible();

  // Back online: the message is sent, once, and arrives in the mentor's open thread.
  await page.goto(thread);
  await expect(waiting).toContainText(text);
  await page.context().setOffline(false);
  await expect(waiting).toBeHidden();
  await expect(mentorThread.locator(".msg").filter({ hasText: text })).toHaveCount(1);
  await mentor.page.reload();
  await expect(mentorThread.locator(".msg").filter({ hasText: text })).toHaveCount(1);
  await page.reload();
  await expect(menteeThread.locator(".msg").filter({ hasText: text })).toHaveCount(1);

  // Signing out drops the saved pages; the next member on this device sees none.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("button", { name: "Sign out" }).click();
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect.poll(() => savedPages(page)).toEqual([]);
  await page.goto("/login");
  await page.getByLabel("Email").fill(mentor.email);
  await page.getByLabel("Password").fill("a quiet desk in the stacks");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(nav).toContainText("Ines Offline");
  await page.goto("/mentorships");
  await expect.poll(() => savedPages(page)).toContain("/mentorships");
  expect(await savedPages(page)).not.toContain(thread);
  await page.context().setOffline(true);
  for (const path of ["/messages", thread]) {
    await page.goto(path).catch(() => undefined);
    await expect(page.getByRole("heading", { name: "You are offline" })).toBeVisible();
  }
  await page.context().setOffline(false);

  expect(unexpected(mentee.errors), "console errors").toEqual([]);
  expect(unexpected(mentor.errors), "console errors").toEqual([]);
});
