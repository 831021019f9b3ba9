// Initialise GOV.UK Frontend components; kept in a file so no inline script is needed (CSP).
import { initAll } from "../build/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A data table wider than a narrow screen scrolls inside itself; keyboard users must be able to
// reach and scroll it too, so such a table joins the tab order while it overflows.
function focusableWhenScrolling() {
  for (const table of document.querySelectorAll("table.govuk-table")) {
    if (table.scrollWidth > table.clientWidth + 1) {
      table.setAttribute("tabindex", "0");
    } else if (table.getAttribute("tabindex") === "0") {
      table.removeAttribute("tabindex");
    }
  }
}
focusableWhenScrolling();
window.addEventListener("resize", focusableWhenScrolling);
