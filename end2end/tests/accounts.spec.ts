import { test, expect, uniqueEmail, signUp, emailedLink, confirmEmail } from "./fixtures";

test("sign up, see my name, sign out, sign in again", async ({ page, open }) => {
  const email = uniqueEmail("ana");
  await open("/signup");
  await signUp(page, email, "Ana Ruiz");

  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toContainText("Ana Ruiz");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Ana Ruiz");

  await nav.getByRole("button", { name: "Sign out" }).click();
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(nav).not.toContainText("Ana Ruiz");

  await nav.getByRole("link", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a quiet desk in the stacks");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(nav).toContainText("Ana Ruiz");
});

test("bad sign-up input shows each field's error and keeps what I typed", async ({ page, open }) => {
  await open("/signup");
  await page.getByLabel("Email").fill("ana@library");
  await page.getByLabel("Your name").fill("Ana Ruiz");
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create my account" }).click();

  await expect(page.getByText("Enter an email address like name@library.org.")).toBeVisible();
  await expect(page.getByText("Use at least 12 characters for your password.")).toBeVisible();
  await expect(page.getByText("Please read and accept the code of conduct to join.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Email")).toHaveValue("ana@library");
  await expect(page.getByLabel("Your name")).toHaveValue("Ana Ruiz");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Sign in");
});

test("an email that already has an account is refused", async ({ page, open, browser }) => {
  const email = uniqueEmail("iris");
  await open("/signup");
  await signUp(page, email, "Iris Haddad");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Iris Haddad");

  const other = await browser.newPage();
  await other.goto("/signup");
  await signUp(other, email, "Someone Else");
  await expect(other.getByText("An account with this email already exists.")).toBeVisible();
  await other.close();
});

test("a wrong password is refused without saying which part was wrong", async ({ page, open }) => {
  await open("/login");
  await page.getByLabel("Email").fill("nobody@example.org");
  await page.getByLabel("Password").fill("not the password at all");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").getByText("That email and password do not match an account.")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("nobody@example.org");
});

test("signing in returns me to the page I came for", async ({ page, open }) => {
  const email = uniqueEmail("omar");
  await open("/signup");
  await signUp(page, email, "Omar Kamara");
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Sign in");

  await open("/login?next=/conduct");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a quiet desk in the stacks");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/conduct$/);
  await expect(page.getByRole("heading", { name: "Code of conduct" })).toBeVisible();
});

test("a new member confirms their address from the email", async ({ page, open }) => {
  const email = uniqueEmail("rosa");
  await open("/signup");
  await signUp(page, email, "Rosa Lind");
  const banner = page.getByRole("complementary", { name: "Confirm your email address" });
  await expect(banner).toContainText(email);
  const first = await emailedLink(email, "/verify-email/");
  await banner.getByRole("button", { name: "Send a new link" }).click();
  await expect(page.getByText("A new link is on its way to your address.")).toBeVisible();
  // Only the newest link works.
  await confirmEmail(page, email, [first]);
  await page.goto(first);
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByText("This link no longer works")).toBeVisible();
  await open("/settings");
  await expect(page.getByText("Confirmed", { exact: true })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Confirm your email address" })).toHaveCount(0);
});

test("a forgotten password is reset by email, and other sessions end", async ({ page, open, browser, javaScriptEnabled }) => {
  const email = uniqueEmail("bea");
  await open("/signup");
  await signUp(page, email, "Bea Ortiz");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Bea Ortiz");

  const other = await browser.newContext({ javaScriptEnabled });
  const elsewhere = await other.newPage();
  await elsewhere.goto("/login");
  await elsewhere.getByLabel("Email").fill(email);
  await elsewhere.getByLabel("Password").fill("a quiet desk in the stacks");
  await elsewhere.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(elsewhere.getByRole("navigation", { name: "Main" })).toContainText("Bea Ortiz");

  await open("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(email);
  await page.getByRole("button", { name: "Email me a link" }).click();
  await expect(page.getByText("If an account uses that address")).toBeVisible();

  await page.goto(await emailedLink(email, "/reset-password/"));
  await page.getByLabel("New password").fill("password1234");
  await page.getByRole("button", { name: "Save my new password" }).click();
  await expect(page.getByText(/too easy to guess/)).toBeVisible();
  await page.getByLabel("New password").fill("the map room opens at nine");
  await page.getByRole("button", { name: "Save my new password" }).click();
  await expect(page.getByText("Your new password is saved, and you are signed out everywhere else.")).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Bea Ortiz");

  await elsewhere.goto("/settings");
  await expect(elsewhere).toHaveURL(/\/login\?next=/);
  await other.close();
});

test("settings list where I am signed in, and sign a session out", async ({ page, open, browser, javaScriptEnabled }) => {
  const email = uniqueEmail("tove");
  await open("/signup");
  await signUp(page, email, "Tove Berg");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Tove Berg");

  const other = await browser.newContext({ javaScriptEnabled, userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1" });
  const phone = await other.newPage();
  await phone.goto("/login");
  await phone.getByLabel("Email").fill(email);
  await phone.getByLabel("Password").fill("a quiet desk in the stacks");
  await phone.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(phone.getByRole("navigation", { name: "Main" })).toContainText("Tove Berg");

  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: /Tove Berg/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  const sessions = page.getByRole("region", { name: "Where you are signed in" });
  await expect(sessions.getByRole("listitem")).toHaveCount(2);
  await expect(sessions).toContainText("This device");
  await expect(sessions).toContainText("Safari on iPhone");
  await sessions.getByRole("button", { name: "Sign out Safari on iPhone" }).click();
  await expect(page.getByText("That session is signed out.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Where you are signed in" }).getByRole("listitem")).toHaveCount(1);

  await phone.reload();
  await expect(phone.getByRole("navigation", { name: "Main" })).toContainText("Sign in");
  await other.close();

  // Changing the password needs the current one.
  const password = page.getByRole("region", { name: "Password" });
  await password.getByLabel("Current password").fill("not my password");
  await password.getByLabel("New password").fill("the map room opens at nine");
  await password.getByRole("button", { name: "Change my password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();
  await page.getByRole("region", { name: "Password" }).getByLabel("Current password").fill("a quiet desk in the stacks");
  await page.getByRole("region", { name: "Password" }).getByLabel("New password").fill("the map room opens at nine");
  await page.getByRole("region", { name: "Password" }).getByRole("button", { name: "Change my password" }).click();
  await expect(page.getByText("Your password is changed.")).toBeVisible();
});

test.describe("single sign-on", () => {
  // The test provider's own sign-in page asks for a web font and a favicon it
  // does not have; those are its errors, not Carrel's.
  // (One pattern: Playwright reads a two-item array as a value and its options.)
  test.use({ allowedConsoleErrors: [/fonts\.googleapis\.com|127\.0\.0\.1:3190\/favicon\.ico/] });

test("joining and signing in with my organisation's account", async ({ page, open }) => {
  const email = uniqueEmail("sso");
  await open("/login");
  await page.getByRole("button", { name: "Sign in with Example Library Association" }).click();
  // The organisation's own sign-in page (the test OpenID Provider's).
  await page.getByPlaceholder("Enter any login").fill(email);
  await page.getByPlaceholder("and password").fill("anything at all");
  await page.getByRole("button", { name: "Sign-in" }).click();

  await expect(page.getByRole("heading", { name: "Join Carrel" })).toBeVisible();
  await expect(page.getByText(`You signed in with Example Library Association as ${email}.`)).toBeVisible();
  await page.getByLabel("Your name").fill("Sol Ferreira");
  await page.getByLabel(/I have read and accept/).check();
  await page.getByRole("button", { name: "Create my account" }).click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav).toContainText("Sol Ferreira");
  // The organisation confirmed the address: nothing to confirm here.
  await expect(page.getByRole("complementary", { name: "Confirm your email address" })).toHaveCount(0);

  await nav.getByRole("button", { name: "Sign out" }).click();
  await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
  await open("/login");
  await page.getByRole("button", { name: "Sign in with Example Library Association" }).click();
  // Still signed in at the organisation: straight back, signed in.
  await expect(nav).toContainText("Sol Ferreira");
  await open("/settings");
  await expect(page.getByRole("region", { name: "Sign in with your organisation" })).toContainText(email);
});
});

test("download my data, then delete my account", async ({ page, open }) => {
  const email = uniqueEmail("una");
  await open("/signup");
  await signUp(page, email, "Una Berg");
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Una Berg");

  await open("/settings");
  const data = page.getByRole("region", { name: "Your data" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    data.getByRole("link", { name: "Download my data (JSON)" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^carrel-my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const { readFileSync } = await import("node:fs");
  const exported = JSON.parse(readFileSync((await download.path())!, "utf8"));
  expect(exported.sections.account.rows[0].email).toBe(email);

  const deletion = page.getByRole("region", { name: "Delete my account" });
  await expect(deletion).toContainText("Former member");
  await deletion.getByLabel("Your password").fill("a quiet desk in the stacks");
  await deletion.getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByText("Tick the box to say you understand")).toBeVisible();
  await page.getByRole("region", { name: "Delete my account" }).getByLabel("Your password").fill("a quiet desk in the stacks");
  await page.getByRole("region", { name: "Delete my account" }).getByLabel(/I understand/).check();
  await page.getByRole("region", { name: "Delete my account" }).getByRole("button", { name: "Delete my account" }).click();
  await expect(page.getByRole("heading", { name: "Your account is deleted" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Sign in");

  await open("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a quiet desk in the stacks");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByText("That email and password do not match an account.")).toBeVisible();
});
