"""The trainers' pages: one per scenario (``trainers/<id>.md``), out of the learner's way.

A trainer page holds what a trainer needs to run a scenario with a group and a learner
does not: the discussion prompts and the role-play's map (drawn by the site's own
Mermaid when opened; ``trainer.css`` lets a wide map scroll sideways on a phone), with
links to the scenario as learners see it, the answer key and the trainers' downloads
page. It is in no menu and kept out of search; the scenario page links to it quietly at
its end, and the downloads page lists every one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markupsafe import escape

from builder import markdown
from builder.render import TRAINER_PAGE, download_uri, map_html, md_block, md_inline
from builder.schema import Scenario

Linker = Callable[[str], str]


def trainer_uri(scenario_id: str) -> str:
    return f"trainers/{scenario_id}.md"


def _links(items: Sequence[tuple[str, str]]) -> str:
    """A list of links: (URL, interface text)."""
    return "<ul>" + "".join(f'<li><a href="{escape(url)}">{md_inline(text)}</a></li>'
                            for url, text in items) + "</ul>"


def trainer_markdown(scenario: Scenario, ui: dict[str, Any], link: Linker, *,
                     language: str, pdf: bool) -> str:
    """The trainer page of ``scenario`` (``link`` maps a page source to a URL from it;
    ``pdf``: the site has the answer key and the downloads page)."""
    pages = ui["pages"]
    back = link(f"scenarios/{scenario.id}.md")
    parts = [
        markdown.heading(1, pages["trainer_title"].format(title=scenario.title)),
        f'<div class="cc-trainer">{md_block(pages["trainer_intro"])}'
        f'<p><a href="{escape(back)}">{md_inline(pages["trainer_scenario_link"])}</a></p>'
        "</div>",
        markdown.heading(2, pages["discussion_prompts"]),
        "<ol>" + "".join(f"<li>{md_inline(p)}</li>" for p in scenario.discussion) + "</ol>",
    ]
    play = scenario.roleplay
    if play is not None:
        parts += [
            markdown.heading(2, pages["trainer_map"] + (f": {play.title}" if play.title else "")),
            md_block(pages["trainer_map_intro"]),
            map_html(play, ui),
        ]
    if pdf:
        parts += [
            markdown.heading(2, pages["trainer_materials"]),
            _links([(link(download_uri("answer-key", language)), pages["answer_key_pdf"]),
                    (link(TRAINER_PAGE), pages["trainer_downloads"])]),
        ]
    return "\n\n".join(parts) + "\n"


def trainer_index_markdown(scenarios: Sequence[Scenario], ui: dict[str, Any],
                           link: Linker) -> str:
    """The downloads page's list of the trainer pages, one per scenario."""
    pages = ui["pages"]
    return (f"{markdown.heading(2, pages['trainer_pages'])}\n\n"
            f"{md_block(pages['trainer_pages_intro'])}\n\n"
            + _links([(link(trainer_uri(s.id)), s.title) for s in scenarios]) + "\n")
