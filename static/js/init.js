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

// On a phone a data table reads better as one card per row, each value under its column's
// heading (the responsive table pattern). Each cell is labelled from its column's header; a
// table with merged cells keeps scrolling inside itself instead.
function labelCellsForPhones() {
  for (const table of document.querySelectorAll("table.govuk-table")) {
    const headRows = table.tHead ? table.tHead.rows : [];
    if (headRows.length !== 1 || table.querySelector("[colspan], [rowspan]")) continue;
    const labels = Array.from(headRows[0].cells, (cell) => cell.textContent.trim());
    const rows = Array.from(table.tBodies).flatMap((body) => Array.from(body.rows));
    if (rows.some((row) => row.cells.length !== labels.length)) continue;
    for (const row of rows) {
      Array.from(row.cells).forEach((cell, index) => cell.setAttribute("data-label", labels[index]));
    }
    table.classList.add("portal-table--stacks");
  }
}
labelCellsForPhones();
focusableWhenScrolling();
