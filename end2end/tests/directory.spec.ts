import { test, expect, becomeMentor, newMember, uniqueWord } from "./fixtures";

test("a visitor is asked to sign in and comes back to the directory", async ({ page, open }) => {
  await open("/mentors?q=maps");
  await expect(page).toHaveURL(/\/login\?next=%2Fmentors%3Fq%3Dmaps$/);
});

test("editing my profile updates the preview card and lists me in the directory", async ({ page, open, javaScriptEnabled }) => {
  await newMember(page, "Keiko Nakagawa");
  await open("/me/profile");
  const preview = page.getByRole("complementary", { name: "Preview of your directory card" });
  if (javaScriptEnabled) {
    await page.getByLabel("Position or title").fill("Head of Special Collections");
    await expect(preview).toContainText("Head of Special Collections");
    // Suggested tags add themselves to the list.
    await page.getByLabel("Research interests").fill("zines");
    await page.getByRole("button", { name: "+ open access" }).click();
    await expect(page.getByLabel("Research interests")).toHaveValue("zines, open access");
    await expect(page.getByRole("button", { name: "+ open access" })).toHaveCount(0);
  }
  const word = uniqueWord();
  await becomeMentor(page, javaScriptEnabled, "Keiko Nakagawa", word);
  await expect(preview).toContainText("Metadata Librarian · Riverbend University Libraries");
  await expect(preview).toContainText("Leadership");

  await open(`/mentors?q=${word}`);
  const results = page.getByRole("region", { name: "Mentors" });
  await expect(results.getByRole("article")).toHaveCount(1);
  await expect(results).toContainText("Keiko Nakagawa");
  await results.getByRole("link", { name: "Keiko Nakagawa" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Keiko Nakagawa");
  await expect(page.locator(".profile__bio em")).toHaveText("rare");
});

test("a bad profile shows each problem and keeps what I typed", async ({ page, open }) => {
  await newMember(page, "Omar Haddad");
  await open("/me/profile");
  await page.getByLabel("Position or title").fill("Systems Librarian");
  await page.getByLabel("Time zone").fill("Mars/Olympus");
  await page.getByLabel("Years in a professional position").fill("lots");
  await page.getByRole("button", { name: "Save my profile" }).click();
  await expect(page.getByText("We do not know that time zone.")).toBeVisible();
  await expect(page.getByText("Choose the kind of library you work in.")).toBeVisible();
  await expect(page.getByText("Enter a whole number of years from 0 to 60.")).toBeVisible();
  await expect(page.getByLabel("Position or title")).toHaveValue("Systems Librarian");
  await expect(page.getByLabel("Time zone")).toHaveValue("Mars/Olympus");
});

test("search and filters live in the URL, survive reload, and go back", async ({ page, open, javaScriptEnabled }) => {
  const word = uniqueWord();
  await newMember(page, "Marisol Quintero");
  await becomeMentor(page, javaScriptEnabled, "Marisol Quintero", word, "English, Tagalog");

  await open("/mentors");
  const box = page.getByRole("searchbox", { name: "Search mentors" });
  const results = page.getByRole("region", { name: "Mentors" });
  if (javaScriptEnabled) {
    // Type-ahead: results follow the words without pressing Enter or reloading.
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    await box.pressSequentially(word, { delay: 20 });
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    await expect(results).toContainText("Marisol Quintero");
    await expect(results.getByRole("article")).toHaveCount(1);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
  } else {
    await box.fill(word);
    await page.getByRole("button", { name: "Search", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    await expect(results.getByRole("article")).toHaveCount(1);
  }

  const tagalog = page.getByRole("group", { name: "Language" }).getByLabel(/Tagalog/);
  // A click, then the settled state: the list re-renders under the pointer.
  await tagalog.click();
  if (!javaScriptEnabled) await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/language=tagalog/);
  await expect(results.getByRole("article")).toHaveCount(1);
  await expect(page.getByRole("group", { name: "Language" }).getByLabel(/Tagalog/)).toBeChecked();
  if (javaScriptEnabled) {
    // The filters re-render with new counts; keyboard focus stays on the tick.
    await expect(page.locator(":focus")).toHaveAttribute("id", "f-language-tagalog");
  }
  // Re-rendered ticks show the URL's filters, not the ones the browser remembers.
  const languages = page.getByRole("group", { name: "Language" });
  await expect(languages.getByRole("checkbox", { checked: true })).toHaveCount(1);

  await page.reload();
  await expect(page.getByRole("group", { name: "Language" }).getByLabel(/Tagalog/)).toBeChecked();
  await expect(page.getByRole("searchbox", { name: "Search mentors" })).toHaveValue(word);

  await page.goBack();
  await expect(page).not.toHaveURL(/language=/);
  if (javaScriptEnabled) {
    // (Without JavaScript the browser itself restores the ticks it remembers.)
    await expect(page.getByRole("group", { name: "Language" }).getByLabel(/Tagalog/)).not.toBeChecked();
  }
});

test("an empty result suggests which filter to remove", async ({ page, open, javaScriptEnabled }) => {
  const word = uniqueWord();
  await newMember(page, "Tariq Rahimi");
  await becomeMentor(page, javaScriptEnabled, "Tariq Rahimi", word);
  await open(`/mentors?q=${word}&tz=utc%2B8_%2B14`);
  await expect(page.getByText("No mentors match all of that.")).toBeVisible();
  await page.getByRole("link", { name: "Remove the time-zone filter" }).click();
  await expect(page.getByRole("region", { name: "Mentors" })).toContainText("Tariq Rahimi");
});

test("I can save a mentor to my shortlist and remove them", async ({ page, open, browser, javaScriptEnabled }) => {
  const word = uniqueWord();
  const mentorPage = await browser.newPage();
  await newMember(mentorPage, "Esperanza Ibarra");
  await becomeMentor(mentorPage, javaScriptEnabled, "Esperanza Ibarra", word);
  await mentorPage.close();

  await newMember(page, "Nadia Laurent");
  await open(`/mentors?q=${word}`);
  await page.getByRole("link", { name: "Esperanza Ibarra" }).click();
  await page.getByRole("button", { name: "Save to my shortlist" }).click();
  await expect(page.getByRole("button", { name: "Remove from my shortlist" })).toBeVisible();
  await open("/me/shortlist");
  await expect(page.getByRole("article")).toContainText("Esperanza Ibarra");
  await page.getByRole("link", { name: "Esperanza Ibarra" }).click();
  await page.getByRole("button", { name: "Remove from my shortlist" }).click();
  await expect(page.getByRole("button", { name: "Save to my shortlist" })).toBeVisible();
  await open("/me/shortlist");
  await expect(page.getByText("Nobody saved yet.")).toBeVisible();
});

test("members see the focus areas; only administrators may add to them", async ({ page, open }) => {
  await newMember(page, "Quinn Underhill");
  await open("/admin/focus-areas");
  await expect(page.getByRole("listitem").filter({ hasText: "Conference navigation" })).toHaveCount(1);
  await expect(page.getByText("Only administrators can add focus areas.")).toBeVisible();
  await expect(page.getByLabel("New focus area")).toHaveCount(0);
});
