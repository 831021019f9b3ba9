"""Drive a page with the keyboard alone, checking that focus is always visible."""

FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return "nothing focused";
  // GOV.UK radios and checkboxes hide the native input and draw focus on the label's ::before.
  const label = el.matches(".govuk-radios__input, .govuk-checkboxes__input") ? el.nextElementSibling : null;
  const s = label ? getComputedStyle(label, "::before") : getComputedStyle(el);
  const ring = label ? getComputedStyle(label, "::after") : null;
  const visible = (s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2)
    || (s.boxShadow && s.boxShadow !== "none")
    || s.backgroundColor === "rgb(255, 221, 0)"
    || (ring && ring.boxShadow && ring.boxShadow !== "none");
  return visible ? "" : `no visible focus on ${el.tagName}#${el.id}.${el.className}`;
}"""


class Keyboard:
    def __init__(self, page):
        self.page = page
        self.invisible: list[str] = []

    def matches(self, selector: str) -> bool:
        return self.page.evaluate(
            "(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector
        )

    def tab_to(self, selector: str, limit: int = 120) -> None:
        """Press Tab until the element matching selector has focus; check each stop is visible."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            problem = self.page.evaluate(FOCUS_STYLE)
            if problem:
                self.invisible.append(f"{self.page.url}: {problem}")
            if self.matches(selector):
                return
        raise AssertionError(f"Tab never reached {selector} on {self.page.url}")

    def type_into(self, selector: str, text: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.insert_text(text)

    def press_button(self, selector: str) -> None:
        self.tab_to(selector)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")

    def follow(self, selector: str) -> None:
        """Tab to a link and press Enter, waiting for the next page."""
        self.press_button(selector)

    def choose_radio(self, group_selector: str, value: str) -> None:
        """Tab into a radio group, then move with the arrow keys to the wanted value."""
        self.tab_to(group_selector)
        for _ in range(12):
            if self.page.evaluate("() => document.activeElement.value") == value:
                self.page.keyboard.press("Space")
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"No radio with value {value} in {group_selector}")

    def tick(self, selector: str) -> None:
        self.tab_to(selector)
        self.page.keyboard.press("Space")

    def sign_in(self, base_url: str, email: str, password: str) -> None:
        """Sign in by keyboard, second factor included (set-up or a code)."""
        self.page.goto(base_url + "/accounts/sign-in/")
        self.type_into("#id_username", email)
        self.type_into("#id_password", password)
        with self.page.expect_navigation():
            self.page.keyboard.press("Enter")
        from tests.e2e.conftest import authenticator_code  # the "phone" of the test user

        if "/accounts/two-factor/" in self.page.url:
            setting_up = "/set-up/" in self.page.url
            self.type_into("#id_code", authenticator_code(email))
            self.press_button("main form button[type='submit']")
            if setting_up:
                self.follow("main a.govuk-button")  # "I have saved my backup codes"
