import { test, expect, uniqueEmail, signUp } from "./fixtures";

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
  await page.getByRole("button", { name: "Sign in" }).click();
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
  await page.getByRole("button", { name: "Sign in" }).click();
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
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/conduct$/);
  await expect(page.getByRole("heading", { name: "Code of conduct" })).toBeVisible();
});
