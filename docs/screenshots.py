"""Take the README's screenshots of the web page: docs/img/map.png and docs/img/record.png
(1280x800), on the web tests' store (tests/web/served.py), in Debian's Chromium.

    .venv/bin/python docs/screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import httpx
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "web")]

from served import TOKEN, fill, serving  # noqa: E402  (needs the path above)
from test_page import ARGS, CHROMIUM  # noqa: E402


def main() -> None:
    out = ROOT / "docs" / "img"
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/store.db"
        fill(url)
        with serving(url) as base, sync_playwright() as pw:
            # A correction, so the record shows a revision signed by a person.
            httpx.patch(f"{base}/events/payload-e", timeout=10,
                        headers={"Authorization": f"Bearer {TOKEN}"},
                        json={"values": {"fatalities": {"low": 9, "best": 10, "high": 11}},
                              "reason": "hospital list"}).raise_for_status()
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            page.goto(f"{base}/?country=SY")
            page.wait_for_selector("body[data-loaded]", state="attached")
            page.screenshot(path=out / "map.png")
            page.click('#events tr[data-event-id="payload-e"]')
            page.wait_for_selector('#record[data-loaded="payload-e"]', state="attached")
            # The page at the top (the map beside the panel), the panel scrolled to the
            # sources: evidence, casualty reports and revisions in view.
            page.evaluate("""() => {
                window.scrollTo(0, 0);
                const panel = document.querySelector('#record');
                panel.scrollTop = [...panel.querySelectorAll('h3')][1].offsetTop - 120;
            }""")
            page.screenshot(path=out / "record.png")
            browser.close()
    print(f"wrote {out / 'map.png'} and {out / 'record.png'}")


if __name__ == "__main__":
    main()
