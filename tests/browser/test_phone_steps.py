"""The stakeholder app's steps on a 390 px phone: the tab bar stays one line and the positions
heatmap shows its last column, in French and in Arabic."""

from __future__ import annotations

import pytest

from saara_kit.i18n import t

pytestmark = pytest.mark.browser

ASSOCIATION = "Association Exemple Environnement Tlemcen"  # a sample: 7 actors, 3 objectives, 21 positions
PHONE = 390


@pytest.mark.parametrize("lang", ["fr", "ar", "en"])
def test_the_tab_bar_stays_one_line_and_the_heatmap_whole_on_a_phone(browser, server, lang):
    context = browser.new_context(viewport={"width": PHONE, "height": 844}, is_mobile=True)
    try:
        phone = context.new_page()
        phone.set_default_timeout(60_000)
        phone.goto(f"{server.url}/?token={server.token}&lang={lang}")
        phone.click(".saara-app-stakeholders a")
        phone.wait_for_selector(".saara-association input")
        phone.fill(".saara-association input", ASSOCIATION)
        phone.press(".saara-association input", "Enter")
        phone.wait_for_function("document.querySelectorAll('.saara-step-stakeholders .saara-list option').length === 7")
        tabs = phone.evaluate(
            """() => [...document.querySelectorAll('.saara-steps .lm-TabBar-tab')].map(tab => {
                 const box = tab.getBoundingClientRect();
                 return {top: Math.round(box.top), left: box.left, right: box.right, text: tab.innerText};
               })"""
        )
        assert len(tabs) >= 5 and len({tab["top"] for tab in tabs}) == 1, tabs  # one line, not wrapped
        assert all(tab["left"] >= 0 and tab["right"] <= PHONE for tab in tabs), tabs  # each tab on the screen
        phone.click(f".saara-steps .lm-TabBar-tab:has-text('{t('positions.step', lang)}')")
        picture = ".saara-step-positions .saara-picture img, .saara-step-positions img.saara-picture"
        phone.wait_for_function(f"(document.querySelector('{picture}') || {{}}).naturalWidth > 100")
        shown = phone.evaluate(
            f"""() => {{
                 const img = document.querySelector('{picture}');
                 const box = img.getBoundingClientRect();
                 let clipped = false;  // an ancestor that hides what sticks out of it
                 for (let parent = img.parentElement; parent; parent = parent.parentElement) {{
                   const style = getComputedStyle(parent), outer = parent.getBoundingClientRect();
                   if (style.overflowX !== 'visible' && (box.right > outer.right + 0.5 || box.left < outer.left - 0.5))
                     clipped = true;
                 }}
                 return {{left: box.left, right: box.right, clipped,
                          scroll: document.documentElement.scrollWidth}};
               }}"""
        )
        assert shown["left"] >= 0 and shown["right"] <= PHONE and not shown["clipped"], shown
        assert shown["scroll"] <= PHONE, shown  # no sideways scrolling
    finally:
        context.close()
