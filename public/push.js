// Turns notifications on for this device, from /settings: asks the browser for
// a push subscription with the server's key and hands it to Carrel. Only that
// page loads it; its list of devices works as plain forms without it.
(() => {
  const box = document.getElementById("push-this-device");
  if (!box || box.dataset.ready) return;
  box.dataset.ready = "1";
  box.hidden = false;
  const button = box.querySelector(".push-on");
  const say = (name) => {
    for (const p of box.querySelectorAll("p")) p.hidden = !p.classList.contains(name);
  };
  if (!("serviceWorker" in navigator && "PushManager" in window && "Notification" in window)) {
    say("push-unsupported");
    return;
  }
  const key = Uint8Array.from(atob(box.dataset.key.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0));
  const subscription = () => navigator.serviceWorker.ready.then((reg) => reg.pushManager.getSubscription());

  let current = null;
  /** Marks the listed device that is this one, and offers the button when none is. */
  const mark = (endpoint) => {
    current = endpoint;
    let here = false;
    for (const item of document.querySelectorAll("[data-endpoint]")) {
      const mine = item.dataset.endpoint === endpoint;
      item.querySelector(".push-here").hidden = !mine;
      here ||= mine;
    }
    const denied = Notification.permission === "denied";
    if (denied) say("push-denied");
    button.hidden = here || denied;
  };
  subscription().then((sub) => mark(sub?.endpoint), () => mark());

  button.addEventListener("click", async () => {
    button.disabled = true;
    try {
      if ((await Notification.requestPermission()) !== "granted") return mark();
      const reg = await navigator.serviceWorker.ready;
      let sub = await reg.pushManager.getSubscription();
      // Made with another server key (the server's changed): start again.
      const old = sub?.options.applicationServerKey;
      if (old && String(new Uint8Array(old)) !== String(key)) {
        await sub.unsubscribe();
        sub = null;
      }
      sub ||= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
      const { endpoint, keys } = sub.toJSON();
      const res = await fetch("/api/notifications/push_subscribe", {
        method: "POST",
        body: new URLSearchParams({ endpoint, p256dh: keys.p256dh, auth: keys.auth }),
      });
      if (!res.ok) throw new Error(res.status);
      // The list now names this device.
      location.reload();
    } catch {
      say("push-failed");
    } finally {
      button.disabled = false;
    }
  });

  // Stopping this device also ends its browser subscription, then the form goes.
  document.addEventListener(
    "submit",
    (event) => {
      const form = event.target.closest(".push-stop");
      if (!form || !current || form.closest("[data-endpoint]").dataset.endpoint !== current) return;
      event.preventDefault();
      subscription()
        .then((sub) => sub?.unsubscribe())
        .catch(() => {})
        .then(() => form.submit());
    },
    true,
  );
})();
