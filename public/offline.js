// A page without a connection (loaded by register-sw.js only then): it says
// so, forms say they need the network instead of failing, and a message
// written in a thread joins the service worker's outbox (public/sw.js), shown
// as waiting until it is sent. Nothing typed is lost.
(() => {
  const es = document.documentElement.lang === "es";
  const words = es
    ? {
        offline: "No tienes conexión. Puedes leer las páginas que ya abriste, y los mensajes que escribas se enviarán al volver la conexión.",
        needs: "No tienes conexión, y esto la necesita. No se ha perdido nada de lo que escribiste.",
        search: "Buscar necesita conexión.",
        you: "Tú",
        waiting: "Pendiente de envío",
        refused: "No enviado: Carrel no lo aceptó. Copia el texto para no perderlo.",
        remove: "Quitar",
      }
    : {
        offline: "You are offline. Pages you have opened can still be read, and messages you write are sent when the connection returns.",
        needs: "You are offline, and this needs a connection. Nothing you typed is lost.",
        search: "Searching needs a connection.",
        you: "You",
        waiting: "Waiting to send",
        refused: "Not sent: Carrel did not accept it. Copy the text to keep it.",
        remove: "Remove",
      };
  const worker = navigator.serviceWorker;
  // A saved copy was served because the network failed; a browser may still
  // say it is online (and does not always say when that changes).
  let offline = !navigator.onLine || !!document.querySelector(".offline-note:not(.offline-note--live)");

  /** Asks the service worker (`ask`: queue, list, drop, send) and waits for its answer. */
  const ask = (message) =>
    new Promise((resolve) => {
      if (!worker?.controller) return resolve(undefined);
      const channel = new MessageChannel();
      channel.port1.onmessage = (event) => resolve(event.data);
      worker.controller.postMessage(message, [channel.port2]);
    });

  const notes = new WeakMap();
  /** Says why `form` was not sent, beside its button. Inside an island that has
   *  not hydrated yet the note goes before the island: hydration expects the
   *  island's markup as the server wrote it. */
  function say(form, text, submitter) {
    let note = notes.get(form);
    if (!note?.isConnected) {
      note = document.createElement("p");
      note.className = "notice form-offline";
      note.setAttribute("role", "alert");
      const island = form.closest("leptos-island");
      // A search box and its button share a row: the note goes above them.
      const button = form.getAttribute("role") !== "search" && (submitter || form.querySelector('[type="submit"]'));
      if (island && !document.body.hasAttribute("data-hydrated")) island.before(note);
      else if (button) button.before(note);
      else form.prepend(note);
      notes.set(form, note);
    }
    note.textContent = text;
  }

  function showConnection() {
    document.querySelector(".offline-note--live")?.remove();
    if (!offline) {
      for (const note of document.querySelectorAll(".form-offline")) note.remove();
    } else if (!document.querySelector(".offline-note")) {
      const note = document.createElement("p");
      note.className = "offline-note offline-note--live";
      note.setAttribute("role", "status");
      note.textContent = words.offline;
      document.body.prepend(note);
    }
  }

  // A thread's waiting messages, in a card after the thread: the thread is an
  // island, whose markup is not ours to change.
  const threadForm = () => document.querySelector("form.thread__form");
  async function showOutbox() {
    const form = threadForm();
    if (!form) return;
    const mentorship = form.elements.mentorship_id.value;
    const items = ((await ask({ ask: "list" })) || []).filter((i) => i.fields.mentorship_id === mentorship);
    let card = document.querySelector(".thread-outbox");
    if (!card) {
      card = document.createElement("section");
      card.className = "card thread-outbox";
      card.setAttribute("aria-live", "polite");
      card.setAttribute("aria-label", words.waiting);
      card.append(document.createElement("ol"));
      card.firstChild.className = "thread__list";
      (form.closest("leptos-island") || form).after(card);
    }
    card.hidden = items.length === 0;
    retrying = retrying || (items.some((i) => !i.refused) && setTimeout(retry, 5000));
    card.firstChild.replaceChildren(
      ...items.map((item) => {
        const li = document.createElement("li");
        li.className = `msg msg--mine msg--pending${item.refused ? " msg--failed" : ""}`;
        const who = document.createElement("p");
        who.className = "msg__who";
        who.textContent = words.you;
        const body = document.createElement("div");
        body.className = "msg__body";
        body.append(Object.assign(document.createElement("p"), { className: "msg__plain", textContent: item.fields.body }));
        const meta = document.createElement("p");
        meta.className = "msg__meta";
        meta.textContent = item.refused ? words.refused : words.waiting;
        if (item.refused) {
          const remove = Object.assign(document.createElement("button"), { type: "button", className: "link-button", textContent: words.remove });
          remove.addEventListener("click", () => ask({ ask: "drop", key: item.key }).then(showOutbox));
          meta.append(" ", remove);
        }
        li.append(who, body, meta);
        return li;
      }),
    );
  }

  // While messages wait, try every few seconds: the connection may be back
  // without the browser saying so.
  let retrying = 0;
  function retry() {
    retrying = 0;
    ask({ ask: "send" }).then((sent) => {
      if (sent) {
        offline = false;
        showConnection();
      }
      showOutbox();
    });
  }

  // Without a connection a form is not sent: a message joins the outbox, any
  // other form says it needs the network. Capturing first keeps the page's own
  // handlers (and the browser's failed navigation) from running.
  window.addEventListener(
    "submit",
    (event) => {
      if (!offline) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      const form = event.target;
      const body = form.elements.body;
      if (form.matches(".thread__form") && worker?.controller && body.value.trim()) {
        const key = crypto.randomUUID();
        const fields = { mentorship_id: form.elements.mentorship_id.value, body: body.value, key };
        ask({ ask: "queue", item: { key, action: form.action, fields } }).then((kept) => {
          if (!kept) return say(form, words.needs, event.submitter);
          body.value = "";
          showOutbox();
          worker.ready.then((r) => r.sync?.register("carrel-outbox")).catch(() => undefined);
        });
        return;
      }
      say(form, form.getAttribute("role") === "search" ? words.search : words.needs, event.submitter);
    },
    true,
  );
  // The directory searches as one types.
  window.addEventListener(
    "input",
    (event) => {
      const form = event.target.closest?.('form[role="search"]');
      if (form && offline) say(form, words.search);
    },
    true,
  );

  window.addEventListener("offline", () => {
    offline = true;
    showConnection();
  });
  window.addEventListener("online", () => {
    offline = false;
    showConnection();
    // Browsers without Background Sync: send now.
    ask({ ask: "send" }).then(showOutbox);
  });
  worker?.addEventListener("message", (event) => event.data === "carrel-outbox" && showOutbox());
  showConnection();
  showOutbox();
})();
