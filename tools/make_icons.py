"""Draw the web app icons once (run by hand; the PNGs are committed).

    .venv/bin/python tools/make_icons.py

The icon is a speech bubble with a tick on carecourse's teal (--cc-primary), drawn as
SVG and rendered by Chromium at 192 and 512 px; the maskable ones keep the drawing
inside the central 80 % safe zone, on a full-bleed background.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "builder" / "assets" / "icons"
TEAL = "#00695c"
DRAWING = ('<path d="M14 16h36a6 6 0 0 1 6 6v18a6 6 0 0 1-6 6H30l-10 9v-9h-6a6 6 0 0 1-6-6V22'
           'a6 6 0 0 1 6-6z" fill="#fff"/>'
           '<path d="M22 31l7 7 13-14" stroke="' + TEAL + '" stroke-width="5" fill="none" '
           'stroke-linecap="round" stroke-linejoin="round"/>')


def svg(maskable: bool) -> str:
    inner = (f'<g transform="translate(32 32) scale(.72) translate(-32 -32)">{DRAWING}</g>'
             if maskable else DRAWING)
    radius = 0 if maskable else 12
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="100%" '
            f'height="100%"><rect width="64" height="64" rx="{radius}" fill="{TEAL}"/>'
            f'{inner}</svg>')


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium")
        for size in (192, 512):
            page = browser.new_page(viewport={"width": size, "height": size})
            for maskable in (False, True):
                page.set_content('<style>html,body{margin:0;background:transparent}</style>'
                                 + svg(maskable))
                name = f"icon-{size}{'-maskable' if maskable else ''}.png"
                page.screenshot(path=str(OUT / name), omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
