import { test, expect, newMember } from "./fixtures";

// Notifications on a device. No push service is reachable from a test machine,
// so the browser's pushManager.subscribe() is replaced by one that answers with
// an endpoint at the push service address playwright.config.ts allows and keys
// made by WebCrypto, kept across reloads as a browser keeps its subscription.
// The server's side of pushing (encryption, VAPID) is tested in
// server/tests/api/push.rs; here the page, the worker and the settings.
const fakePushService = () => {
  const b64 = (bytes: ArrayBuffer | Uint8Array) =>
    btoa(String.fromCharCode(...new Uint8Array(bytes)))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
  const restore = () => {
    const kept = localStorage.getItem("test-push");
    if (!kept) return null;
    const json = JSON.parse(kept);
    return {
      endpoint: json.endpoint,
      options: { applicationServerKey: Uint8Array.from(json.key).buffer },
      toJSON: () => json,
      unsubscribe: async () => (localStorage.removeItem("test-push"), true),
    };
  };
  PushManager.prototype.getSubscription = async () => restore();
  PushManager.prototype.subscribe = async (options: PushSubscriptionOptionsInit) => {
    const pair = await crypto.subtle.generateKey({ name: "ECDH", namedCurve: "P-256" }, true, ["deriveBits"]);
    const raw = await crypto.subtle.exportKey("raw", pair.publicKey);
    const json = {
      endpoint: `http://127.0.0.1:3191/push/${crypto.randomUUID()}`,
      keys: { p256dh: b64(raw), auth: b64(crypto.getRandomValues(new Uint8Array(16))) },
      key: Array.from(new Uint8Array(options.applicationServerKey as ArrayBuffer)),
    };
    localStorage.setItem("test-push", JSON.stringify(json));
    return restore();
  };
};

test.describe("notifications on a device", () => {
  test("a member turns them on, gets one, opens its page, and turns them off", async ({ page, context, javaScriptEnabled }) => {
    test.skip(!javaScriptEnabled, "push needs JavaScript; the no-js run checks the choices below");
    await context.grantPermissions(["notifications"]);
    await page.addInitScript(fakePushService);
    await newMember(page, "Noor Haddad");
    await page.goto("/settings");
    const devices = page.getByRole("region", { name: "Devices" });
    await expect(devices.getByText("No device gets notifications yet.")).toBeVisible();
    await devices.getByRole("button", { name: "Notify me on this device" }).click();

    // The page reloads with this device listed and marked.
    const item = devices.getByRole("listitem");
    await expect(item).toHaveCount(1);
    await expect(item.getByText("This device")).toBeVisible();
    await expect(devices.getByRole("button", { name: "Notify me on this device" })).toBeHidden();

    // A push reaches the service worker: it shows the notification as sent.
    const cdp = await context.newCDPSession(page);
    const registration = new Promise<string>((resolve) =>
      cdp.on("ServiceWorker.workerRegistrationUpdated", ({ registrations }) => {
        const ours = registrations.find((r: { isDeleted: boolean }) => !r.isDeleted);
        if (ours) resolve(ours.registrationId);
      }),
    );
    await cdp.send("ServiceWorker.enable");
    const note = { title: "New message from Ana Lima", body: "Open Carrel to read and answer.", url: "/messages", tag: "thread-1" };
    await cdp.send("ServiceWorker.deliverPushMessage", {
      origin: new URL(page.url()).origin,
      registrationId: await registration,
      data: JSON.stringify(note),
    });
    const shown = async () =>
      page.evaluate(async () =>
        (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
          title: n.title,
          body: n.body,
          tag: n.tag,
          url: n.data.url,
        })),
      );
    await expect.poll(shown).toEqual([{ title: note.title, body: note.body, tag: note.tag, url: "/messages" }]);

    // A tap opens its page in the window already open. (A test cannot tap a
    // notification, and a made-up click event cannot wait: the worker's own
    // opening step is called with the notification's page. Focusing a window
    // needs the tap itself, so that step's refusal is expected here.)
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent("serviceworker"));
    await worker.evaluate(async () => {
      const [n] = await (self as unknown as ServiceWorkerGlobalScope).registration.getNotifications();
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      await (self as any).openPage(n.data.url).catch(() => {});
    });
    await expect(page).toHaveURL(/\/messages$/);

    // Stopping this device ends the browser's subscription too.
    await page.goto("/settings");
    await devices.getByRole("button", { name: /Stop notifying/ }).click();
    await expect(devices.getByText("No device gets notifications yet.")).toBeVisible();
    await expect(devices.getByRole("button", { name: "Notify me on this device" })).toBeVisible();
    expect(await page.evaluate(() => localStorage.getItem("test-push"))).toBeNull();
  });

  test("a member chooses what comes by email and what to devices", async ({ page, open }) => {
    await newMember(page, "Ravi Menon");
    await open("/settings");
    const table = page.getByRole("table", { name: "What Carrel tells you about, and how" });
    await table.getByRole("checkbox", { name: "Devices: Requests for mentoring and their answers" }).uncheck();
    await page.getByRole("button", { name: "Save my choices" }).click();
    await expect(page).toHaveURL(/notifications=saved/);
    await open("/settings");
    await expect(table.getByRole("checkbox", { name: "Devices: Requests for mentoring and their answers" })).not.toBeChecked();
    await expect(table.getByRole("checkbox", { name: "Email: Requests for mentoring and their answers" })).toBeChecked();
  });
});
