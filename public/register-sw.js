// Registers the service worker; kept out of the wasm so it works with JavaScript
// on even before hydration finishes.
if ("serviceWorker" in navigator) {
  window.addEventListener("load", () => {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch((err) => {
      console.warn("Carrel works without offline support:", err.message);
    });
  });
}
