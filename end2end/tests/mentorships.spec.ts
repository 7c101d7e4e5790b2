import { test, expect, becomeMentor, newMember, uniqueWord, memberWithProfile, requestMentoring, acceptFrom } from "./fixtures";

// The request → accept → agreement journey, and a mentee with two mentors for
// two focus areas, each as two members in two browser contexts; with
// JavaScript on and off (the project runs every spec both ways).

test("a mentee asks, the mentor accepts, and they agree how to work", async ({ page, browser, javaScriptEnabled: js }) => {
  const mentor = await memberWithProfile(browser, js, "Rosalind Achebe", { focus: ["Leadership"] });

  await newMember(page, "Daniel Okafor");
  await becomeMentor(page, js, "Daniel Okafor", uniqueWord(), "English", { mentor: false });
  // A request that is too short is refused and keeps what was typed.
  await page.goto(mentor.profilePath);
  if (js) await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Your message").fill("Hi!");
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText(/in at least 20 characters/)).toBeVisible();
  await expect(page.getByLabel("Your message")).toHaveValue("Hi!");
  await requestMentoring(page, js, mentor.profilePath, "Leadership", "I start as a branch manager in March and want to lead well.");

  await acceptFrom(mentor.page, js, "Daniel Okafor");
  await mentor.page.getByRole("region", { name: "My mentees (1 of 2)" }).getByRole("link", { name: "Daniel Okafor" }).click();
  await expect(mentor.page.getByRole("heading", { level: 1 })).toContainText("Daniel Okafor · Leadership");
  if (js) await expect(mentor.page.locator("body[data-hydrated]")).toHaveCount(1);
  await mentor.page.getByLabel("How we keep in touch").selectOption({ label: "Video call" });
  await mentor.page.getByLabel("Hours set aside each month").fill("3");
  await mentor.page.getByLabel("Notes").fill("First Tuesday of the month, 45 minutes.");
  await mentor.page.getByRole("button", { name: "Save our agreement" }).click();
  await expect(mentor.page.getByText("Agreement saved.")).toBeVisible();

  // The mentee sees the agreement, the history, and a notification.
  await page.goto("/mentorships");
  await expect(page.getByRole("region", { name: "My mentors" })).toContainText("Rosalind Achebe");
  await page.getByRole("region", { name: "My mentors" }).getByRole("link", { name: "Rosalind Achebe" }).click();
  await expect(page.getByLabel("How we keep in touch")).toHaveValue("video");
  await expect(page.getByLabel("Hours set aside each month")).toHaveValue("3");
  await expect(page.getByRole("region", { name: "History" })).toContainText("Rosalind Achebe accepted");
  await page.goto("/notifications");
  await expect(page.getByText("Rosalind Achebe accepted your request for mentoring in Leadership.")).toBeVisible();
  expect(mentor.errors, "the mentor's console errors").toEqual([]);
  await mentor.page.context().close();
});

test("a mentee holds two mentors, one per focus area", async ({ page, browser, javaScriptEnabled: js }) => {
  const leader = await memberWithProfile(browser, js, "Helga Sorensen", { focus: ["Leadership"] });
  const scholar = await memberWithProfile(browser, js, "Kwame Mensah", { focus: ["Scholarship and publishing"] });

  await newMember(page, "Lucia Ferreira");
  await becomeMentor(page, js, "Lucia Ferreira", uniqueWord(), "English", { mentor: false });
  await requestMentoring(page, js, leader.profilePath, "Leadership", "I lead a small team and want to grow as a manager.");
  await requestMentoring(page, js, scholar.profilePath, "Scholarship and publishing", "I want to publish my first peer-reviewed article.");

  await acceptFrom(leader.page, js, "Lucia Ferreira");
  await acceptFrom(scholar.page, js, "Lucia Ferreira");

  await page.goto("/mentorships");
  const mentors = page.getByRole("region", { name: "My mentors" });
  await expect(mentors.getByRole("listitem")).toHaveCount(2);
  await expect(mentors).toContainText("Helga Sorensen · Leadership");
  await expect(mentors).toContainText("Kwame Mensah · Scholarship and publishing");
  expect([...leader.errors, ...scholar.errors], "the mentors' console errors").toEqual([]);
  await leader.page.context().close();
  await scholar.page.context().close();
});
