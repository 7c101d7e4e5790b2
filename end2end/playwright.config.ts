import { defineConfig } from "@playwright/test";

// Every spec runs twice: hydrated, and with JavaScript off (the pages must work
// before the wasm arrives). The server is the release binary on a fresh SQLite file.
const port = process.env.CARREL_E2E_PORT ?? "3100";
const baseURL = `http://127.0.0.1:${port}`;
const oidcPort = process.env.CARREL_E2E_OIDC_PORT ?? "3190";
const oidcIssuer = `http://127.0.0.1:${oidcPort}`;

export default defineConfig({
  testDir: "./tests",
  // The longest journeys (two or three members each signing up, filling a
  // profile and acting) take 20–32 s on a 2-core machine; each step still
  // fails after 10 s (expect.timeout below).
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "js", use: { javaScriptEnabled: true } },
    { name: "no-js", use: { javaScriptEnabled: false } },
  ],
  webServer: [
    // A real OpenID Provider (oidc-provider, run with node) for the single sign-on test.
    {
      command: "exec node ../server/tests/oidc/provider.mjs",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "ignore",
      env: {
        PORT: oidcPort,
        REDIRECT_URIS: `${baseURL}/auth/sso/test/callback`,
        CLIENT_SECRET: "a client secret for tests only",
      },
    },
    {
      command: "rm -rf .tmp && mkdir -p .tmp && exec ../target/release/carrel serve",
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        DATABASE_URL: "sqlite://.tmp/e2e.db",
        CARREL_ADDR: `127.0.0.1:${port}`,
        CARREL_PUBLIC_URL: baseURL,
        LEPTOS_SITE_ROOT: "../target/site",
        CARREL_LOG: "warn",
        CARREL_OUTBOX: ".tmp/outbox",
        // push.spec.ts subscribes at this address; nothing listens, so a push waits.
        CARREL_PUSH_SERVICES: "http://127.0.0.1:3191",
        // Every spec signs members up from this one address; the rate limits
        // themselves are tested in server/tests/api/security.rs.
        CARREL_RATE_LIMIT_EXEMPT: "127.0.0.1",
        CARREL_OIDC_PROVIDERS: "test",
        CARREL_OIDC_TEST_ISSUER: oidcIssuer,
        CARREL_OIDC_TEST_CLIENT_ID: "carrel",
        CARREL_OIDC_TEST_CLIENT_SECRET: "a client secret for tests only",
        CARREL_OIDC_TEST_LABEL: "Example Library Association",
      },
    },
  ],
});
