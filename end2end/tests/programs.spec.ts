import { test, expect, becomeMentor, memberWithProfile, newMember, member, makeAdmin, isoDay, hydrated, createProgram, addCycle, watchConsole } from "./fixtures";

// Programs: an administrator creates one and names a coordinator, who adds a
// cycle, schedules a discussion topic and corrects the cycle; a mentor fails the program's eligibility with the rule in words, puts
// their profile right, and enrols. With JavaScript on and off.

test("an administrator creates a program and its coordinator adds a cycle", async ({ browser, javaScriptEnabled: js }) => {
  const admin = await member(browser, js, "Ada Admin");
  makeAdmin(admin.email);
  const coordinator = await member(browser, js, "Cora Coordinator");
  const name = `Career Mentoring ${Date.now().toString(36)}${js ? "j" : "n"}`;
  const path = await createProgram(admin.page, js, name, coordinator.email);

  const c = coordinator.page;
  await c.goto(path);
  await hydrated(c, js);
  await c.getByRole("link", { name: "Manage this program" }).click();
  await expect(c.getByRole("heading", { level: 1 })).toContainText(`Manage ${name}`);
  await hydrated(c, js);
  // Backwards dates are refused, and what was typed stays.
  await c.getByLabel("Name", { exact: true }).fill("2026–27");
  await c.getByLabel("Starts on").fill(isoDay(10));
  await c.getByLabel("Ends on").fill(isoDay(5));
  await c.getByLabel("Enrolment opens").fill(isoDay(-1));
  await c.getByLabel("Enrolment closes").fill(isoDay(8));
  await c.getByLabel("Mentee places").fill("30");
  await c.getByRole("button", { name: "Add cycle" }).click();
  await expect(c.getByText("The cycle must end after it starts.")).toBeVisible();
  await expect(c.getByLabel("Name", { exact: true })).toHaveValue("2026–27");
  await c.getByLabel("Ends on").fill(isoDay(280));
  await c.getByRole("button", { name: "Add cycle" }).click();
  await expect(c.getByText("The cycle is added.")).toBeVisible();
  await expect(c.getByRole("region", { name: "Cycle 2026–27" })).toContainText("Enrolling now");

  // A topic for the cycle: a missing title is refused with the rest kept, then it is scheduled.
  await hydrated(c, js);
  await c.getByLabel("Topic", { exact: true }).fill("Where do you find your professional community?");
  await c.getByLabel("Send on").fill(isoDay(14));
  await c.getByRole("button", { name: "Schedule topic" }).click();
  await expect(c.getByText("Give the topic a title of 3 to 120 characters.")).toBeVisible();
  await expect(c.getByLabel("Topic", { exact: true })).toHaveValue("Where do you find your professional community?");
  await c.getByLabel("Title").fill("Finding your community");
  await c.getByRole("button", { name: "Schedule topic" }).click();
  await expect(c.getByText("The topic is scheduled.")).toBeVisible();
  await expect(c.getByRole("region", { name: "Cycle 2026–27" })).toContainText("Finding your community · goes out");

  // The cycle is corrected: a bad number of places is refused with the rest kept, then saved.
  await c.getByRole("link", { name: "Change dates or places of 2026–27" }).click();
  await expect(c.getByRole("heading", { level: 1, name: "Change 2026–27" })).toBeVisible();
  await hydrated(c, js);
  await expect(c.getByLabel("Mentee places")).toHaveValue("30");
  await c.getByLabel("Name", { exact: true }).fill("2026–27 cohort");
  await c.getByLabel("Mentee places").fill("0");
  await c.getByRole("button", { name: "Save changes" }).click();
  await expect(c.getByText("Give the number of mentee places, from 1 to 10000.")).toBeVisible();
  await expect(c.getByLabel("Name", { exact: true })).toHaveValue("2026–27 cohort");
  await c.getByLabel("Mentee places").fill("25");
  await c.getByRole("button", { name: "Save changes" }).click();
  await expect(c.getByText("The cycle is changed.")).toBeVisible();
  await expect(c.getByRole("region", { name: "Cycle 2026–27 cohort" })).toContainText("0 of 25 mentee places");

  // Members see it on the program page; a plain member cannot manage it (403,
  // which Chromium logs as a failed load: expected here, and only here).
  const pat = await browser.newPage({ javaScriptEnabled: js });
  const patErrors = watchConsole(pat, [/status of 403 .*\/manage\)$/]);
  await newMember(pat, "Pat Member");
  await pat.goto(path);
  await expect(pat.getByRole("region", { name: "Cycle 2026–27 cohort" })).toContainText("0 of 25 taken");
  const refused = await pat.goto(`${path}/manage`);
  expect(refused?.status()).toBe(403);
  await expect(pat.getByText(/Only the coordinators of .* can manage it/)).toBeVisible();
  expect(patErrors, "the member's console errors").toEqual([]);
  // The administrator, not the coordinator, names the coordinators.
  await expect(c.getByRole("textbox", { name: "Coordinators" })).toHaveCount(0);
  await admin.page.goto(`${path}/manage`);
  await hydrated(admin.page, js);
  await expect(admin.page.getByRole("textbox", { name: "Coordinators" })).toHaveValue(coordinator.email);
  expect([...admin.errors, ...coordinator.errors], "other members' console errors").toEqual([]);
});

test("a mentor who does not meet the rule is told which, then enrols", async ({ page, browser, javaScriptEnabled: js }) => {
  const admin = await member(browser, js, "Abe Admin");
  makeAdmin(admin.email);
  const name = `Five Year Mentors ${Date.now().toString(36)}${js ? "j" : "n"}`;
  const path = await createProgram(admin.page, js, name, admin.email);
  await addCycle(admin.page, js, path, "Spring");

  await newMember(page, "Mina Castellanos");
  await becomeMentor(page, js, "Mina Castellanos", "maps");
  // Three years is not five. ("Saved" shows from the first save already:
  // wait for this save's own answer.) Typed once the page after the first
  // save has hydrated, or hydration puts the saved value back.
  await hydrated(page, js);
  await page.getByLabel("Years in a professional position").fill("3");
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/profiles/save")),
    page.getByRole("button", { name: "Save my profile" }).click(),
  ]);
  await expect(page.getByText("Your profile is saved.")).toBeVisible();

  await page.goto(path);
  await hydrated(page, js);
  const cycle = page.getByRole("region", { name: "Cycle Spring" });
  await cycle.getByLabel(/What you can offer/).fill("Cataloguing, and first jobs in special collections.");
  await cycle.getByRole("button", { name: "Enrol as a mentor" }).click();
  await expect(page.getByText(/need at least 5 years in a professional position; your profile says 3 years/)).toBeVisible();

  await page.goto("/me/profile");
  await hydrated(page, js);
  await page.getByLabel("Years in a professional position").fill("7");
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/profiles/save")),
    page.getByRole("button", { name: "Save my profile" }).click(),
  ]);
  await expect(page.getByText("Your profile is saved.")).toBeVisible();

  await page.goto(path);
  await hydrated(page, js);
  await page.getByRole("region", { name: "Cycle Spring" }).getByRole("button", { name: "Enrol as a mentor" }).click();
  await expect(page.getByText("You are enrolled as a mentor.").first()).toBeVisible();
  // Enrolled, the mentor sees the cycle's mentors, themselves among them.
  await expect(page.getByRole("region", { name: "Cycle Spring" }).getByRole("link", { name: "Mina Castellanos" })).toBeVisible();
  expect(admin.errors, "the administrator's console errors").toEqual([]);
});

test("a mentee asks the coordinators for a match, and a coordinator assigns a mentor from the cycle", async ({ browser, javaScriptEnabled: js }) => {
  const admin = await member(browser, js, "Ines Admin");
  makeAdmin(admin.email);
  const name = `Conference Buddies ${Date.now().toString(36)}${js ? "j" : "n"}`;
  const path = await createProgram(admin.page, js, name, admin.email, "Coordinators match each pair");
  await addCycle(admin.page, js, path, "Summer");

  const mentor = await memberWithProfile(browser, js, "Mateo Quispe", { focus: ["Leadership"] });
  await mentor.page.goto(path);
  await hydrated(mentor.page, js);
  await mentor.page.getByRole("region", { name: "Cycle Summer" }).getByRole("button", { name: "Enrol as a mentor" }).click();
  await expect(mentor.page.getByText("You are enrolled as a mentor.").first()).toBeVisible();

  const mentee = await memberWithProfile(browser, js, "Leila Haddad", { mentor: false });
  const m = mentee.page;
  await m.goto(path);
  await hydrated(m, js);
  await m.getByRole("region", { name: "Cycle Summer" }).getByRole("button", { name: "Enrol as a mentee" }).click();
  await expect(m.getByText(/Tell the coordinators what you want a mentor for/)).toBeVisible();
  await hydrated(m, js);
  const cycle = m.getByRole("region", { name: "Cycle Summer" });
  // Where only the coordinators match, the form is open at once.
  await cycle.getByLabel("What you want a mentor for").selectOption({ label: "Leadership" });
  await cycle.getByLabel(/A note for the coordinators/).fill("My first conference, and my first year leading a team.");
  await cycle.getByRole("button", { name: "Ask for a match" }).click();
  await expect(m.getByText("Thank you. The coordinators will find you a mentor")).toBeVisible();
  await expect(m.getByText("You asked the coordinators for a mentor in Leadership")).toBeVisible();

  // The coordinator's queue for this program offers the cycle's mentor.
  const c = admin.page;
  await c.goto(`${path}/manage`);
  await hydrated(c, js);
  await c.getByRole("link", { name: "Mentees waiting for a match" }).click();
  await expect(c.getByRole("heading", { level: 2, name: "Leila Haddad · Leadership · Summer" })).toBeVisible();
  await expect(c.getByText("My first conference, and my first year leading a team.")).toBeVisible();
  await hydrated(c, js);
  await c.getByRole("button", { name: "Assign Mateo Quispe" }).click();
  await expect(c.getByText("Sent 1 request.")).toBeVisible();
  await expect(c.getByText("Nobody is waiting.")).toBeVisible();

  await mentor.page.goto("/mentorships");
  await expect(mentor.page.getByRole("region", { name: "Requests to me" })).toContainText("Leila Haddad");
  expect([...admin.errors, ...mentor.errors, ...mentee.errors], "console errors").toEqual([]);
});
