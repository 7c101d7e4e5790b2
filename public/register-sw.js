// Registers the service worker and offers "Install Carrel" where the browser
// can install it; kept out of the wasm so both work before hydration finishes.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((err) => {
      console.warn("Carrel works without offline support:", err.message);
    });
  });
}

// The browser's install prompt, kept until a [data-install] button asks for it.
let installPrompt = null;
const installButtons = (hidden) => {
  for (const button of document.querySelectorAll("[data-install]")) button.hidden = hidden;
};
window.addEventListener("beforeinstallprompt", (event) => {
  event.preventDefault();
  installPrompt = event;
  installButtons(false);
});
window.addEventListener("appinstalled", () => {
  installPrompt = null;
  installButtons(true);
});
document.addEventListener("click", async (event) => {
  if (!installPrompt || !event.target.closest?.("[data-install]")) return;
  const prompt = installPrompt;
  installPrompt = null;
  installButtons(true);
  await prompt.prompt();
});

// Without a connection, public/offline.js keeps pages useful; it loads only
// then, or when the worker says messages are waiting to be sent.
const offline = () => {
  if (document.querySelector('script[src="/offline.js"]')) return;
  document.head.append(Object.assign(document.createElement("script"), { src: "/offline.js" }));
};
window.addEventListener("offline", offline);
navigator.serviceWorker?.addEventListener("message", (event) => event.data === "carrel-outbox" && offline());
if (!navigator.onLine || document.querySelector(".offline-note")) offline();
