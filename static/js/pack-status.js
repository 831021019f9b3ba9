// While a meeting pack renders in the background, ask the server how it is going every two
// seconds and show it, instead of a page that looks frozen. When the pack is ready (or has
// failed) the page reloads to show the download. No inline script, so it works under the CSP.
// Without JavaScript the page keeps its "check if your pack is ready" link.
(function () {
  "use strict";
  const box = document.querySelector("[data-pack-status-url]");
  if (!box) return;
  const url = box.getAttribute("data-pack-status-url");
  const label = box.querySelector("[data-pack-label]");
  const hint = box.querySelector("[data-pack-hint]");
  const ORDER = ["QUEUED", "RUNNING", "DONE"];
  const INTERVAL_MS = 2000;
  const GIVE_UP_AFTER = 300; // ten minutes of polls; the link still works after that

  const withLink = hint.cloneNode(true);
  hint.textContent = "This page updates by itself. You can leave it and come back later.";

  function tag(text, colour) {
    const strong = document.createElement("strong");
    strong.className = "govuk-tag govuk-tag--" + colour;
    strong.textContent = text;
    return strong;
  }

  function show(status, text) {
    if (label.textContent !== text.toLowerCase()) label.textContent = text.toLowerCase();
    const now = ORDER.indexOf(status);
    for (const cell of box.querySelectorAll("[data-pack-step]")) {
      const step = ORDER.indexOf(cell.getAttribute("data-pack-step"));
      cell.replaceChildren(
        step < now ? "Done" : step === now ? tag("In progress", "light-blue") : tag("Not started", "grey"),
      );
    }
  }

  let polls = 0;
  async function poll() {
    polls += 1;
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, cache: "no-store" });
      if (response.ok) {
        const job = await response.json();
        show(job.status, job.label);
        if (job.finished) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A dropped connection: try again at the next tick.
    }
    if (polls < GIVE_UP_AFTER) window.setTimeout(poll, INTERVAL_MS);
    else hint.replaceWith(withLink); // stop asking; the link checks again by hand
  }
  window.setTimeout(poll, INTERVAL_MS);
})();
