"""Driving an app in steps in real Chromium, as a participant taps it (French pages)."""

from __future__ import annotations


def open_app(page, server, name: str, association: str, first_step: str, saved: int) -> str:
    """Open app ``name`` from the landing page on ``association``; wait until its first step lists
    ``saved`` records; return that step's selector."""
    page.goto(f"{server.url}/?token={server.token}&lang=fr")
    page.click(f".saara-app-{name} a")
    page.wait_for_selector(".saara-association input")
    page.fill(".saara-association input", association)
    page.press(".saara-association input", "Enter")
    step = f".saara-step-{first_step}"
    page.wait_for_function(f"document.querySelectorAll('{step} .saara-list option').length >= {saved}")
    return step


def tab(page, title: str, step: str) -> str:
    """Open the tab titled ``title``; return its step's selector."""
    page.click(f".saara-steps .lm-TabBar-tab:has-text('{title}')")
    page.wait_for_selector(f".saara-step-{step} button.saara-add", state="visible")
    return f".saara-step-{step}"


def options(page, selector: str) -> int:
    return page.locator(f"{selector} option").count()


def add(page, step: str, count_before: int) -> None:
    """Add the editor's record to the step's list and wait until the list shows it."""
    page.click(f"{step} button.saara-add")
    page.wait_for_function(f"document.querySelectorAll('{step} .saara-list option').length === {count_before + 1}")


def edit(page, step: str, index: int) -> None:
    """Take line ``index`` of the step's list into the editor; wait until the add button says
    "Mettre à jour", which the form tells only once every field shows the line."""
    page.select_option(f"{step} .saara-list select", index=index)
    page.click(f"{step} button.saara-edit")
    page.wait_for_function(f"document.querySelector('{step} button.saara-add').innerText.includes('Mettre à jour')")


def save(page, step: str) -> None:
    page.click(f"{step} button.saara-save")
    page.wait_for_function(f"document.querySelector('{step} .saara-save-status').innerText.includes('Enregistré')")


def add_and_save(page, step: str, count_before: int) -> None:
    add(page, step, count_before)
    save(page, step)
