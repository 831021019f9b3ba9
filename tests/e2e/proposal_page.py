"""Press an action on a proposal's page: the primary button, or a link under "More actions"."""


def act(page, label: str) -> None:
    link = page.locator(f'#actions a:has-text("{label}")').first
    if not link.is_visible():
        page.click("#more-actions summary")
    link.click()
