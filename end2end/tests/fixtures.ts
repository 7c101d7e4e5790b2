import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { test as base, expect, Browser, Page } from "@playwright/test";

// Shared set-up for every spec:
// * collects console errors and uncaught exceptions (`watchConsole`) and fails
//   the test if any appeared;
// * `open` visits a page and, with JavaScript on, waits until the wasm has hydrated it.
type Fixtures = {
  /** Console errors a test expects (say, the 404 of a page it opens on purpose). */
  allowedConsoleErrors: RegExp[];
  consoleErrors: string[];
  open: (path: string) => Promise<void>;
};

export const test = base.extend<Fixtures>({
  allowedConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowedConsoleErrors }, use) => {
      const errors = watchConsole(page, allowedConsoleErrors);
      await use(errors);
      expect(errors, "console errors").toEqual([]);
    },
    { auto: true },
  ],
  open: async ({ page, javaScriptEnabled }, use) => {
    await use(async (path: string) => {
      await page.goto(path);
      if (javaScriptEnabled) {
        await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
      }
    });
  },
});

export { expect };

/** Collects a page's console errors and uncaught exceptions. Refusals from
 *  /api/ with a 4xx status are expected answers (Chromium logs them as failed
 *  loads), so they alone are allowed. */
export function watchConsole(page: Page, allowed: RegExp[] = []): string[] {
  const errors: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const url = msg.location().url ?? "";
    const expectedRefusal = /status of 4\d\d/.test(msg.text()) && new URL(url, "http://x").pathname.startsWith("/api/");
    const line = `${msg.text()} (${url})`;
    if (!expectedRefusal && !allowed.some((re) => re.test(line))) errors.push(line);
  });
  page.on("pageerror", (err) => errors.push(`uncaught: ${err.message}`));
  return errors;
}

let counter = 0;
/** An email address no other test (or earlier run) has used. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}.${Date.now().toString(36)}${process.pid}${counter}@example.org`;
}

export async function signUp(page: Page, email: string, name: string) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Password").fill("a quiet desk in the stacks");
  await page.getByLabel(/I have read and accept/).check();
  await page.getByRole("button", { name: "Create my account" }).click();
}

/** Fills in and saves a profile on /me/profile: a listed mentor's unless `mentor` is false. */
export async function becomeMentor(
  page: Page,
  js: boolean,
  name: string,
  word: string,
  language = "English, Spanish",
  { mentor = true, focus = ["Leadership"] }: { mentor?: boolean; focus?: string[] } = {},
) {
  await page.goto("/me/profile");
  // With JavaScript on, fill the form once it is hydrated (and its preview is live).
  if (js) {
    await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  }
  await page.getByLabel("Your name").fill(name);
  await page.getByLabel("Position or title").fill("Metadata Librarian");
  await page.getByLabel("Institution", { exact: true }).fill("Riverbend University Libraries");
  await page.getByLabel("Library type").selectOption("academic");
  await page.getByLabel("Department or function").selectOption("cataloguing");
  await page.getByLabel("Career stage").selectOption("senior");
  await page.getByLabel("Years in a professional position").fill("18");
  await page.getByLabel("Country").fill("Canada");
  await page.getByLabel("State or province (optional)").fill("Manitoba");
  await page.getByLabel("Time zone").fill("America/Winnipeg");
  await page.getByLabel("Languages").fill(language);
  await page.getByLabel("Bio").fill(`I catalogue *rare* maps and teach ${word} workshops.`);
  if (mentor) {
    await page.getByLabel("I am open to mentoring").check();
    for (const f of focus) {
      await page.getByRole("group", { name: "Focus areas I can offer" }).getByLabel(f).check();
    }
    await page.getByRole("group", { name: "Ways to meet" }).getByLabel("Video call").check();
    await page.getByLabel("How many mentees at once").fill("2");
  }
  await page.getByRole("button", { name: "Save my profile" }).click();
  await expect(page.getByText("Your profile is saved.")).toBeVisible();
}

export async function newMember(page: Page, name: string) {
  const email = uniqueEmail(name.split(" ")[0].toLowerCase());
  await page.goto("/signup");
  await signUp(page, email, name);
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(name);
  await confirmEmail(page, email);
}

// The server writes the emails it sends to this folder (CARREL_OUTBOX in
// playwright.config.ts); its jobs loop sends queued email every 2 s.
const OUTBOX = ".tmp/outbox";

/** The text of a raw email, its body decoded (quoted-printable or base64). */
function decoded(raw: string): string {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join("\n\n");
  if (/content-transfer-encoding:\s*base64/i.test(head)) {
    return head + "\n\n" + Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  }
  if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
    return head + "\n\n" + body.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16)));
  }
  return raw;
}

/** The path of the newest link starting with `prefix` emailed to `email`,
 *  other than those in `except`, waiting for it to be sent. (Files written in
 *  one pass of the email job can share a modification time: a test that asks
 *  for a second link names the first in `except`.) */
export async function emailedLink(email: string, prefix: string, except: string[] = []): Promise<string> {
  const pattern = new RegExp(`${prefix}[0-9a-f]{64}`);
  for (let tries = 0; tries < 100; tries++) {
    let files: string[] = [];
    try {
      files = readdirSync(OUTBOX).map((f) => `${OUTBOX}/${f}`);
    } catch {
      // Nothing sent yet.
    }
    files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
    for (const file of files) {
      const text = decoded(readFileSync(file, "utf8"));
      const to = text.match(/^To:.*$/im)?.[0] ?? "";
      const link = text.match(pattern)?.[0];
      if (link && !except.includes(link) && to.toLowerCase().includes(email.toLowerCase())) return link;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no email to ${email} with a ${prefix} link`);
}

/** Opens the confirmation link emailed to `email` (not one in `except`) and confirms the address. */
export async function confirmEmail(page: Page, email: string, except: string[] = []) {
  await page.goto(await emailedLink(email, "/verify-email/", except));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByRole("heading", { name: "Your address is confirmed" })).toBeVisible();
}

// A word nobody else's profile contains, so each test finds only its own mentor.
export function uniqueWord(): string {
  return `zq${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** A member in a browser context of their own, with a saved profile; returns their page and mentor-page path. */
export async function memberWithProfile(
  browser: Browser,
  js: boolean,
  name: string,
  opts: { mentor?: boolean; focus?: string[] },
): Promise<{ page: Page; profilePath: string; errors: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  const errors = watchConsole(page);
  await newMember(page, name);
  await becomeMentor(page, js, name, uniqueWord(), "English", opts);
  const profilePath = await page.getByRole("link", { name: "See how others see it" }).getAttribute("href");
  return { page, profilePath: profilePath!, errors };
}

export async function requestMentoring(page: Page, js: boolean, profilePath: string, focus: string, message: string) {
  await page.goto(profilePath);
  if (js) await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  await page.getByLabel("Focus area", { exact: true }).selectOption({ label: focus });
  await page.getByLabel("Your message").fill(message);
  await page.getByRole("button", { name: "Send request" }).click();
  await expect(page.getByText(/Waiting for .* to answer/)).toBeVisible();
}

export async function acceptFrom(page: Page, js: boolean, menteeName: string) {
  await page.goto("/mentorships");
  if (js) await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
  const received = page.getByRole("region", { name: "Requests to me" });
  await expect(received).toContainText(menteeName);
  await received.getByRole("button", { name: `Accept ${menteeName}` }).click();
  // Accepting opens the mentorship, where the pair set their agreement.
  await expect(page.getByRole("heading", { name: "Our agreement" })).toBeVisible();
  await page.goto("/mentorships");
  await expect(page.getByRole("region", { name: "My mentees (1 of 2)" })).toContainText(menteeName);
}


/** Signs up a member in a context of their own; returns their page and email. */
export async function member(browser: Browser, js: boolean, name: string) {
  const context = await browser.newContext({ javaScriptEnabled: js });
  const page = await context.newPage();
  const errors = watchConsole(page);
  const email = uniqueEmail(name.split(" ")[0].toLowerCase());
  await page.goto("/signup");
  await signUp(page, email, name);
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText(name);
  await confirmEmail(page, email);
  return { page, email, errors };
}

/** Names an administrator the way a new site does: the `carrel admin` command. */
export function makeAdmin(email: string) {
  execFileSync("../target/release/carrel", ["admin", email], {
    env: { ...process.env, DATABASE_URL: "sqlite://.tmp/e2e.db", CARREL_LOG: "warn" },
  });
}

export function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

export async function hydrated(page: Page, js: boolean) {
  if (js) await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

/** A program with a five-year rule for mentors, run by `coordinatorEmail`; returns its path. */
export async function createProgram(
  page: Page,
  js: boolean,
  name: string,
  coordinatorEmail: string,
  matching = "Mentees choose their mentor",
) {
  await page.goto("/admin/programs");
  await hydrated(page, js);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Description").fill("Nine months of monthly conversations for librarians new to the profession.");
  await page.getByLabel("Kind").selectOption({ label: "Structured cycle" });
  await page.getByLabel("Matching").selectOption({ label: matching });
  await page.getByLabel("Pairs are in touch").selectOption({ label: "at least once a month" });
  await page.getByLabel(/Minimum years/).fill("5");
  await page.getByLabel("Coordinators").fill(coordinatorEmail);
  await page.getByRole("button", { name: "Create program" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("At least 5 years in a professional position.")).toBeVisible();
  return new URL(page.url()).pathname;
}

/** Adds a cycle taking enrolments now, on the program's manage page. */
export async function addCycle(page: Page, js: boolean, path: string, name: string) {
  await page.goto(`${path}/manage`);
  await hydrated(page, js);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Starts on").fill(isoDay(1));
  await page.getByLabel("Ends on").fill(isoDay(200));
  await page.getByLabel("Enrolment opens").fill(isoDay(-1));
  await page.getByLabel("Enrolment closes").fill(isoDay(20));
  await page.getByLabel("Mentee places").fill("10");
  await page.getByRole("button", { name: "Add cycle" }).click();
  await expect(page.getByText("The cycle is added.")).toBeVisible();
}

/** A mentor and a mentee, each signed in in a context of their own, with the
 *  mentee's `hopes` accepted as a leadership mentorship: their pages, the
 *  mentor's profile path and the thread's path. */
export async function pair(browser: Browser, js: boolean, mentorName: string, menteeName: string, hopes: string) {
  const mentor = await member(browser, js, mentorName);
  await becomeMentor(mentor.page, js, mentorName, uniqueWord(), "English", { focus: ["Leadership"] });
  const profile = (await mentor.page.getByRole("link", { name: "See how others see it" }).getAttribute("href"))!;
  const mentee = await member(browser, js, menteeName);
  await becomeMentor(mentee.page, js, menteeName, uniqueWord(), "English", { mentor: false });
  await requestMentoring(mentee.page, js, profile, "Leadership", hopes);
  const thread = new URL(mentee.page.url()).pathname;
  await acceptFrom(mentor.page, js, menteeName);
  return { mentor, mentee, profile, thread };
}

/** A mentor who is also an administrator and coordinator, with a mentorship
 *  (and so a thread) and a program: every route has something to show. */
export async function cast(browser: Browser, js: boolean) {
  const { mentor, mentee, profile, thread: mentorship } = await pair(
    browser,
    js,
    "Rosa Routes",
    "Milo Routes",
    "I want to learn to run a branch library well.",
  );
  makeAdmin(mentor.email);
  const program = await createProgram(mentor.page, js, `Route Tour ${Date.now().toString(36)}${js ? "j" : "n"}`, mentor.email);
  await mentee.page.context().close();
  const paths = [
    "/",
    "/conduct",
    "/mentors",
    profile,
    "/me/profile",
    "/me/shortlist",
    "/mentorships",
    mentorship,
    "/messages",
    "/notifications",
    "/programs",
    program,
    `${program}/manage`,
    `${program}/reports`,
    "/feedback",
    "/letters",
    "/admin/programs",
    "/admin/assignments",
    "/admin/audit",
    "/settings",
  ];
  return { mentor, paths };
}
