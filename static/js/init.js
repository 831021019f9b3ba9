// Initialise GOV.UK Frontend components; kept in a file so no inline script is needed (CSP).
import { initAll } from "../build/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
