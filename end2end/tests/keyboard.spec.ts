import { Locator, Page } from "@playwright/test";
import { test, expect, emailedLink, hydrated, uniqueEmail, uniqueWord, watchConsole } from "./fixtures";

// The core journey with the keyboard alone: two members join, one fills a
// mentor's profile, the other searches, filters, asks for mentoring; the
// mentor accepts and they exchange a message. Every control is reached with
// Tab (never clicked), each focused element must show where focus is, and
// focus must never get stuck (a trap) on the way.

/** Presses Tab until `target` has focus, checking at every stop that focus
 *  is visible and moved on. Fails after `max` presses. One round trip per
 *  press besides the key itself: the target is resolved once, and the check
 *  runs in the page. */
async function tabTo(page: Page, target: Locator, max = 150) {
  const handle = await target.elementHandle();
  let previous = "";
  try {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const stop = await page.evaluate((t) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return { id: "body", visible: true, reached: false };
        const s = getComputedStyle(el);
        const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
        const ring = s.boxShadow !== "none";
        const path = [el.tagName, el.id, el.getAttribute("name"), el.textContent?.trim().slice(0, 30)].join("|");
        const top = Math.round(el.getBoundingClientRect().top + window.scrollY);
        return { id: `${path}@${top}`, visible: outline || ring, reached: el === t };
      }, handle);
      expect(stop.visible, `focus is visible on ${stop.id}`).toBe(true);
      expect(stop.id, "Tab moved focus on (no trap)").not.toBe(previous);
      previous = stop.id;
      if (stop.reached) return;
    }
  } finally {
    await handle?.dispose();
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Tabs to a field and types into it. */
async function typeInto(page: Page, field: Locator, text: string) {
  await tabTo(page, field);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type(text);
}

/** Tabs to a select and picks the option whose label starts with `label`. */
async function choose(page: Page, select: Locator, label: string) {
  await tabTo(page, select);
  const options = await select.locator("option").allTextContents();
  const target = options.findIndex((o) => o.trim().startsWith(label));
  expect(target, `${label} is an option`).toBeGreaterThanOrEqual(0);
  const current = await select.evaluate((s: HTMLSelectElement) => s.selectedIndex);
  const key = target > current ? "ArrowDown" : "ArrowUp";
  for (let i = 0; i < Math.abs(target - current); i++) await page.keyboard.press(key);
}

async function press(page: Page, control: Locator, key = "Enter") {
  await tabTo(page, control);
  await page.keyboard.press(key);
}

async function join(page: Page, js: boolean, name: string) {
  const email = uniqueEmail(name.split(" ")[0].toLowerCase());
  await page.goto("/");
  await hydrated(page, js);
  await press(page, page.getByRole("link", { name: "Join", exact: true }));
  await hydrated(page, js);
  await typeInto(page, page.getByLabel("Email"), email);
  await typeInto(page, page.getByLabel("Your name"), name);
  await typeInto(page, page.getByLabel("Password"), "a quiet desk in the stacks");
  await press(page, page.getByLabel(/I have read and accept/), "Space");
  await press(page, page.getByRole("button", { name: "Create my account" }));
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(name);
  // The link arrives by email: opening it is the member's mail client's part.
  await page.goto(await emailedLink(email, "/verify-email/"));
  await hydrated(page, js);
  await press(page, page.getByRole("button", { name: "Confirm my address" }));
  await expect(page.getByRole("heading", { name: "Your address is confirmed" })).toBeVisible();
}

/** Fills the profile every member needs before asking or offering. */
async function fillProfile(page: Page, js: boolean, bio: string) {
  await press(page, page.getByRole("link", { name: "Profile" }));
  await hydrated(page, js);
  await typeInto(page, page.getByLabel("Position or title"), "Metadata Librarian");
  await typeInto(page, page.getByLabel("Institution", { exact: true }), "Riverbend University Libraries");
  await choose(page, page.getByLabel("Library type"), "Academic");
  await choose(page, page.getByLabel("Department or function"), "Cataloguing");
  await choose(page, page.getByLabel("Career stage"), "Senior");
  await typeInto(page, page.getByLabel("Years in a professional position"), "18");
  await typeInto(page, page.getByLabel("Country"), "Canada");
  await typeInto(page, page.getByLabel("Time zone"), "America/Winnipeg");
  await typeInto(page, page.getByLabel("Languages"), "English, Spanish");
  await typeInto(page, page.getByLabel("Bio"), bio);
}

test("the core journey works with the keyboard alone", async ({ browser, javaScriptEnabled: js }) => {
  test.setTimeout(240_000);
  const word = uniqueWord();

  const mentorContext = await browser.newContext({ javaScriptEnabled: js });
  const mentor = await mentorContext.newPage();
  const mentorErrors = watchConsole(mentor);
  await join(mentor, js, "Lucía Teclado");
  await fillProfile(mentor, js, `I catalogue rare maps and teach ${word} workshops.`);
  await press(mentor, mentor.getByLabel("I am open to mentoring"), "Space");
  await press(mentor, mentor.getByRole("group", { name: "Focus areas I can offer" }).getByLabel("Leadership"), "Space");
  await press(mentor, mentor.getByRole("group", { name: "Ways to meet" }).getByLabel("Video call"), "Space");
  await typeInto(mentor, mentor.getByLabel("How many mentees at once"), "2");
  await press(mentor, mentor.getByRole("button", { name: "Save my profile" }));
  await expect(mentor.getByText("Your profile is saved.")).toBeVisible();

  const menteeContext = await browser.newContext({ javaScriptEnabled: js });
  const mentee = await menteeContext.newPage();
  const menteeErrors = watchConsole(mentee);
  await join(mentee, js, "Tomás Teclado");
  await fillProfile(mentee, js, "I have just started in a small branch library and want to lead its team one day.");
  await press(mentee, mentee.getByRole("group", { name: "Focus areas I am looking for" }).getByLabel("Leadership"), "Space");
  await press(mentee, mentee.getByRole("button", { name: "Save my profile" }));
  await expect(mentee.getByText("Your profile is saved.")).toBeVisible();
  await press(mentee, mentee.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Mentors" }));
  await hydrated(mentee, js);
  const results = mentee.getByRole("region", { name: "Mentors" });
  await typeInto(mentee, mentee.getByRole("searchbox", { name: "Search mentors" }), word);
  await mentee.keyboard.press("Enter");
  await expect(results.getByRole("article")).toHaveCount(1);
  // A filter, by keyboard: those who have room now (she has).
  const capacity = mentee.getByLabel(/Has capacity now/);
  // On a narrow screen the filters are folded away behind their summary.
  if (!(await capacity.isVisible())) await press(mentee, mentee.locator("summary", { hasText: "Filters and sort" }));
  await press(mentee, capacity, "Space");
  const apply = mentee.getByRole("button", { name: "Apply filters" });
  if (await apply.isVisible()) await press(mentee, apply);
  await expect(results.getByRole("article")).toHaveCount(1);
  await press(mentee, results.getByRole("link", { name: "Lucía Teclado" }));
  await hydrated(mentee, js);
  await choose(mentee, mentee.getByLabel("Focus area", { exact: true }), "Leadership");
  await typeInto(mentee, mentee.getByLabel("Your message"), "I would like to learn to lead a small team.");
  await press(mentee, mentee.getByRole("button", { name: "Send request" }));
  await expect(mentee.getByText(/Waiting for .* to answer/)).toBeVisible();

  await press(mentor, mentor.getByRole("link", { name: "My mentoring" }));
  await hydrated(mentor, js);
  await press(mentor, mentor.getByRole("button", { name: "Accept Tomás Teclado" }));
  await expect(mentor.getByRole("heading", { name: "Our agreement" })).toBeVisible();
  await hydrated(mentor, js);
  await typeInto(mentor, mentor.getByLabel("Message to Tomás Teclado"), "Welcome, Tomás. Shall we talk on Tuesday?");
  await press(mentor, mentor.getByRole("button", { name: "Send" }));
  await expect(mentor.getByRole("region", { name: "Messages" })).toContainText("Shall we talk on Tuesday?");

  expect(mentorErrors, "mentor's console").toEqual([]);
  expect(menteeErrors, "mentee's console").toEqual([]);
  await mentorContext.close();
  await menteeContext.close();
});
