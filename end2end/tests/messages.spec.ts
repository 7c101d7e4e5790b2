import { test, expect, becomeMentor, newMember, uniqueWord, memberWithProfile, requestMentoring, acceptFrom } from "./fixtures";
import type { Page } from "@playwright/test";

// A mentor and a mentee chatting in two browser contexts. With JavaScript on,
// messages appear at once for the sender and arrive live for the other (the
// stream, no reload); with it off, the form posts and the page reloads.

const thread = (page: Page) => page.getByRole("region", { name: "Messages" });

async function openMentorship(page: Page, js: boolean, path: string) {
  await page.goto(path);
  if (js) await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

test("mentor and mentee write to each other", async ({ page, browser, javaScriptEnabled: js }) => {
  const mentor = await memberWithProfile(browser, js, "Rosalind Achebe", { focus: ["Leadership"] });
  await newMember(page, "Daniel Okafor");
  await becomeMentor(page, js, "Daniel Okafor", uniqueWord(), "English", { mentor: false });
  await requestMentoring(page, js, mentor.profilePath, "Leadership", "I start as a branch manager in March and want to lead well.");
  const path = new URL(page.url()).pathname;
  await acceptFrom(mentor.page, js, "Daniel Okafor");

  // The mentee opens the thread before anyone has written.
  await openMentorship(page, js, path);
  await expect(thread(page)).toContainText("No messages yet.");

  // The mentor is asked to write first, with an opening to edit.
  await openMentorship(mentor.page, js, path);
  await expect(mentor.page.getByText("Write to Daniel Okafor first")).toBeVisible();
  const box = mentor.page.getByLabel("Message to Daniel Okafor");
  await expect(box).toHaveValue(/^Hello Daniel,/);

  // Too long: refused with the reason, and nothing typed is lost.
  const long = "word ".repeat(850);
  await box.fill(long);
  await mentor.page.getByRole("button", { name: "Send" }).click();
  // (With JavaScript on, the browser checks before sending; off, the server does.)
  await expect(mentor.page.getByText(/at most 4000 characters; this one has 4249/)).toBeVisible();
  expect((await mentor.page.getByLabel("Message to Daniel Okafor").inputValue()).trim()).toBe(long.trim());

  await mentor.page.getByLabel("Message to Daniel Okafor").fill("Hello Daniel, welcome! Shall we meet on **Tuesday**?");
  await mentor.page.getByRole("button", { name: "Send" }).click();
  await expect(thread(mentor.page).locator(".msg strong")).toHaveText("Tuesday");
  await expect(thread(mentor.page).getByText("No messages yet.")).toHaveCount(0);

  if (js) {
    // Arrives live in the mentee's open tab, without a reload.
    await expect(thread(page)).toContainText("Shall we meet on Tuesday?");
    await page.getByLabel("Message to Rosalind Achebe").fill("Tuesday works. Thank you!");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(thread(mentor.page)).toContainText("Tuesday works. Thank you!");
    // The mentee's tab was open: the mentor's message shows as seen.
    await expect(thread(mentor.page).getByText("Seen")).toBeVisible();
  } else {
    await page.reload();
    await expect(thread(page)).toContainText("Shall we meet on Tuesday?");
    await page.getByLabel("Message to Rosalind Achebe").fill("Tuesday works. Thank you!");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(thread(page)).toContainText("Tuesday works. Thank you!");
    await mentor.page.reload();
    await expect(thread(mentor.page)).toContainText("Tuesday works. Thank you!");
    await expect(thread(mentor.page).getByText("Seen")).toBeVisible();
  }
  // Each message is there once.
  await expect(thread(mentor.page).getByText("Tuesday works. Thank you!")).toHaveCount(1);

  // The inbox lists the thread; the header counts what is unread (live, with JavaScript).
  await page.goto("/messages");
  if (js) await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  await expect(page.locator(".inbox__preview")).toHaveText("You: Tuesday works. Thank you!");
  await mentor.page.getByLabel("Message to Daniel Okafor").fill("See you then.");
  await mentor.page.getByRole("button", { name: "Send" }).click();
  await expect(thread(mentor.page)).toContainText("See you then.");
  if (!js) await page.reload();
  await expect(page.locator(".inbox__preview")).toHaveText("See you then.");
  await expect(page.locator(".inbox__item")).toContainText("1 unread");
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Messages/ })).toContainText("1 unread");
  await page.getByRole("link", { name: /Rosalind Achebe/ }).click();
  await expect(thread(page)).toContainText("See you then.");
  expect(mentor.errors, "the mentor's console errors").toEqual([]);
  await mentor.page.context().close();
});
