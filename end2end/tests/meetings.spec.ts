import { Page } from "@playwright/test";
import { test, expect, becomeMentor, newMember, memberWithProfile, requestMentoring, acceptFrom } from "./fixtures";

// A pair arrange a meeting: the mentee proposes, the mentor accepts, and the
// mentee cancels, once with notice and once at short notice (warned, and the
// mentor told at once). With JavaScript on and off.

/** `2026-11-29T15:00` (UTC), `hours` from now, on the hour. */
function utcLocal(hours: number): string {
  const at = new Date(Date.now() + hours * 3_600_000);
  return at.toISOString().slice(0, 13) + ":00";
}

async function openMentorship(page: Page, js: boolean, region: string, name: string) {
  await page.goto("/mentorships");
  await page.getByRole("region", { name: region }).getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { name: "Meetings" })).toBeVisible();
  if (js) await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

async function proposeMeeting(page: Page, hours: number, agenda: string) {
  const meetings = page.locator("#meetings");
  await meetings.getByText("Propose a meeting", { exact: true }).click();
  await meetings.getByLabel("Day and time").fill(utcLocal(hours));
  await meetings.getByLabel("Time zone").fill("UTC");
  await meetings.getByLabel("Link or place (optional)").fill("https://meet.example.org/desk-42");
  await meetings.getByLabel("Agenda (optional)").fill(agenda);
  await meetings.getByRole("button", { name: "Propose meeting" }).click();
  await expect(meetings.getByText("Proposed by you; waiting for an answer")).toBeVisible();
}

test("a pair schedule a meeting and cancel it", async ({ page, browser, javaScriptEnabled: js }) => {
  const mentor = await memberWithProfile(browser, js, "Imogen Tanaka", { focus: ["Leadership"] });
  await newMember(page, "Farid Haddad");
  await becomeMentor(page, js, "Farid Haddad", "maps", "English", { mentor: false });
  await requestMentoring(page, js, mentor.profilePath, "Leadership", "I lead a small branch and want to plan my first year well.");
  await acceptFrom(mentor.page, js, "Farid Haddad");

  // The mentee proposes; a time in the past is refused with the rest kept.
  await openMentorship(page, js, "My mentors", "Imogen Tanaka");
  const meetings = page.locator("#meetings");
  await meetings.getByText("Propose a meeting", { exact: true }).click();
  await meetings.getByLabel("Day and time").fill(utcLocal(-3));
  await meetings.getByLabel("Time zone").fill("UTC");
  await meetings.getByLabel("Agenda (optional)").fill("Budget season.");
  await meetings.getByRole("button", { name: "Propose meeting" }).click();
  await expect(meetings.getByText("Choose a time in the future.")).toBeVisible();
  await expect(meetings.getByLabel("Agenda (optional)")).toHaveValue("Budget season.");
  await meetings.getByLabel("Day and time").fill(utcLocal(120));
  await meetings.getByRole("button", { name: "Propose meeting" }).click();
  await expect(meetings.getByText("Proposed by you; waiting for an answer")).toBeVisible();

  // The mentor accepts; the meeting is confirmed, with a calendar file.
  const m = mentor.page;
  await openMentorship(m, js, "My mentees (1 of 2)", "Farid Haddad");
  await expect(m.locator("#meetings")).toContainText("Proposed by Farid Haddad");
  await m.locator("#meetings").getByRole("button", { name: "Accept" }).click();
  await expect(m.locator("#meetings").getByText("Confirmed")).toBeVisible();
  const ics = await m.locator("#meetings").getByRole("link", { name: "Add to my calendar" }).getAttribute("href");
  const file = await m.request.get(ics!);
  expect(file.headers()["content-type"]).toContain("text/calendar");
  expect(await file.text()).toContain("SUMMARY:Mentoring: Farid Haddad");

  // Five days ahead: the mentee cancels without a warning.
  await openMentorship(page, js, "My mentors", "Imogen Tanaka");
  await expect(meetings.getByText("Confirmed")).toBeVisible();
  await meetings.getByRole("button", { name: "Cancel meeting", exact: true }).click();
  await expect(meetings.getByText("Nothing arranged yet.")).toBeVisible();

  // Twenty hours ahead: the page warns first, and the mentor is told at once.
  await proposeMeeting(page, 20, "A quick check before the board meeting.");
  await openMentorship(m, js, "My mentees (1 of 2)", "Farid Haddad");
  await m.locator("#meetings").getByRole("button", { name: "Accept" }).click();
  await expect(m.locator("#meetings").getByText("Confirmed")).toBeVisible();
  await openMentorship(page, js, "My mentors", "Imogen Tanaka");
  await expect(meetings.getByText(/less than 48 hours away/)).toBeVisible();
  await meetings.getByRole("button", { name: "Cancel meeting anyway" }).click();
  await expect(meetings.getByText("Nothing arranged yet.")).toBeVisible();
  await m.goto("/notifications");
  await expect(m.getByText(/Farid Haddad cancelled your meeting of .* at short notice\./)).toBeVisible();
  expect(mentor.errors, "the mentor's console errors").toEqual([]);
  await m.context().close();
});
