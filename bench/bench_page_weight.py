"""The hub's Wi-Fi: bytes a phone downloads on its first visit to each form, against an empty Voilà page.

Counted in Chromium as the network sees them (``encodedDataLength``: compressed bodies and headers),
the widget state on the websocket apart (its frames as they arrive, before the browser inflates
them). The floor is the kit's Voilà serving a notebook that shows one Text widget."""

from __future__ import annotations

from bench import compile_kit
from bench.bench_voila import FIRST_INPUT, FLOOR, apps_with_floor, start_server
from saara_kit.settings import CHROMIUM_ARGS, CHROMIUM_PATH

TARGET_MB = 1.5  # a form's first visit, compressed
MB = 1024 * 1024


def first_visit(browser, url: str) -> tuple[int, int, int]:
    """Open ``url`` in a fresh context (an empty cache); return (HTTP bytes, requests, websocket bytes)."""
    context = browser.new_context()
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received = {"http": 0, "requests": 0, "socket": 0}

    def finished(event: dict) -> None:
        received["http"] += int(event.get("encodedDataLength", 0))
        received["requests"] += 1

    cdp.on("Network.loadingFinished", finished)
    cdp.on(
        "Network.webSocketFrameReceived",
        lambda event: received.__setitem__(
            "socket", received["socket"] + len(event["response"].get("payloadData", ""))
        ),
    )
    page.goto(url)
    page.wait_for_selector(FIRST_INPUT, timeout=120_000)
    page.wait_for_timeout(2000)  # the last widgets' state
    context.close()
    return received["http"], received["requests"], received["socket"]


def main(smoke: bool = False) -> float:
    """Print each form's first visit beside the floor's; the heaviest form's megabytes last; return its ratio to the target."""
    compile_kit()
    from playwright.sync_api import sync_playwright

    from saara_kit.registry import apps
    from saara_kit.serve.server import TRAINER_APPS

    names = ["stakeholders"] if smoke else [name for name in apps() if name not in TRAINER_APPS]
    server, root = start_server(apps_with_floor(names), names)
    weights = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM_PATH, args=list(CHROMIUM_ARGS))
            for name in [FLOOR, *names]:
                weights[name] = first_visit(browser, f"{root}/voila/render/{name}.ipynb?lang=fr")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    for name, (http, requests, socket) in weights.items():
        print(
            f"{name:>14}: {http / MB:.2f} MB in {requests} requests, widget state {socket / 1024:.0f} kB "
            "(uncompressed frames)"
        )
    heaviest = max(names, key=lambda name: weights[name][0])
    megabytes = weights[heaviest][0] / MB
    print(
        f"ratio heaviest first visit/target = {megabytes / TARGET_MB:.2f} ({heaviest}: {megabytes:.2f} MB, floor "
        f"{weights[FLOOR][0] / MB:.2f} MB; target ≤ {TARGET_MB} MB)"
    )
    return megabytes / TARGET_MB


if __name__ == "__main__":  # python -m bench.bench_page_weight
    main()
