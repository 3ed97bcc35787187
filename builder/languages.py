"""Languages: one MkDocs build per language, side by side under site/<lang>/.

Pages live in ``content/<lang>/``, scenario translations in
``scenarios/<id>.<lang>.yaml``, interface strings in ``locales/<lang>.yaml``.
Adding a language is a line in ``mkdocs.yml`` plus those files.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from builder.markdown import admonition


def docs_dir_for(default_docs: Path, default_language: str, language: str) -> Path:
    """``content/en`` -> ``content/nl`` (when it exists; otherwise every page falls back)."""
    if default_docs.name == default_language:
        candidate = default_docs.parent / language
        if candidate.is_dir():
            return candidate
    return default_docs


def alternates(languages: dict[str, str]) -> list[dict[str, str]]:
    """Material's ``extra.alternate``: links relative to this language's site root."""
    return [{"name": name, "link": f"../{code}/", "lang": code} for code, name in languages.items()]


_H1 = re.compile(r"^# .*$", re.MULTILINE)


def with_untranslated_note(markdown: str, note: str) -> str:
    """Put a visible "not translated yet" note under the page title."""
    block = admonition("info", note) + "\n"
    match = _H1.search(markdown)
    if match is None:
        return f"{block}\n{markdown}"
    end = match.end()
    return f"{markdown[:end]}\n\n{block}\n{markdown[end:].lstrip()}"


def root_index_html(languages: dict[str, str], title: str, prompt: str) -> str:
    """``site/index.html``: sends the browser to its language, or lets the reader choose."""
    codes = list(languages)
    links = "\n".join(
        f'<li><a href="{code}/index.html" hreflang="{code}" lang="{code}">'
        f'{html.escape(name)}</a></li>'
        for code, name in languages.items()
    )
    script = (
        "(function(){var c=" + json.dumps(codes) + ";var l=(navigator.languages||"
        "[navigator.language||'']).map(function(x){return String(x).slice(0,2).toLowerCase()});"
        "var p=l.filter(function(x){return c.indexOf(x)>=0})[0]||c[0];"
        "location.replace(p+'/index.html'+location.search+location.hash)})();"
    )
    return f"""<!doctype html>
<html lang="{codes[0]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<noscript><meta http-equiv="refresh" content="0; url={codes[0]}/index.html"></noscript>
<style>body{{font-family:system-ui,sans-serif;margin:2rem;line-height:1.5}}a{{color:#00695c}}</style>
</head>
<body>
<main>
<h1>{html.escape(title)}</h1>
<p>{html.escape(prompt)}</p>
<ul>
{links}
</ul>
</main>
<script>{script}</script>
</body>
</html>
"""
