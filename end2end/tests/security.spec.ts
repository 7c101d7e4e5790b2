import { test, expect, becomeMentor, newMember, uniqueWord, uniqueEmail, signUp } from "./fixtures";

// The attacks of the security review that need a browser: script in a member's
// name must reach nobody's browser as script (the server-side checks are in
// server/tests/api/security.rs), and `next=` must not lead away after signing in.

const NAME = "Mal</title><script>alert(document.domain)</script>";

test("a name with script in it is only text, in the title and on the page", async ({ page, browser, javaScriptEnabled }) => {
  await newMember(page, "Mal Placeholder");
  await becomeMentor(page, javaScriptEnabled, NAME, uniqueWord());
  const profilePath = await page.getByRole("link", { name: "See how others see it" }).getAttribute("href");

  const context = await browser.newContext({ javaScriptEnabled });
  const reader = await context.newPage();
  const dialogs: string[] = [];
  reader.on("dialog", async (d) => {
    dialogs.push(d.message());
    await d.dismiss();
  });
  await newMember(reader, "Ines Ortega");
  await reader.goto(profilePath!);
  if (javaScriptEnabled) await expect(reader.locator("body[data-hydrated]")).toHaveCount(1);
  await expect(reader).toHaveTitle(`${NAME} · Carrel`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(NAME);
  expect(await reader.locator("head script:not([src])").evaluateAll((s) => s.map((e) => e.textContent).join("\n"))).not.toContain("alert(");
  expect(dialogs).toEqual([]);
  await context.close();
});

test("next= pointing away lands on Carrel after signing in", async ({ page, open }) => {
  const email = uniqueEmail("noor");
  await open("/signup");
  await signUp(page, email, "Noor Haddad");
  await page.getByRole("navigation", { name: "Main" }).getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Sign in" })).toBeVisible();

  await open("/login?next=%2F%09%2Fevil.example%2Fphish");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("a quiet desk in the stacks");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toContainText("Noor Haddad");
  expect(new URL(page.url()).hostname).toBe("127.0.0.1");
  expect(page.url()).not.toContain("evil.example");
});
