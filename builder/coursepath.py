"""The course's shape in its pages, as real HTML first.

- The home page: the continue button (a link to the lesson, so the space is there before
  any script runs) and the path, lesson -> pillars -> scenarios -> final assessment, with
  a progress bar. progress.js fills in each step's state (not started / in progress /
  done), the bar and where the button leads; nothing moves when it does.
- The end of a scenario page: "Scenario N of M" with the previous and the next one (the
  last leads on to the assessment).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import escape

from builder.render import md_inline
from builder.schema import Scenario


@dataclass(frozen=True)
class Step:
    """One stop on the course's path."""

    kind: str  # "lesson" | "pillar" | "scenario" | "exam"
    key: str  # the pillar's or scenario's id; "" for the lesson and the assessment
    title: str  # plain text
    url: str  # relative to the home page


def path_steps(lesson: str | None, ui: dict[str, Any], scenarios: Sequence[Scenario],
               link: Callable[[str], str]) -> list[Step]:
    """The path in its order; ``lesson`` is the lesson page's title (None: no lesson)."""
    steps = [Step("lesson", "", lesson, link("lesson.md"))] if lesson else []
    steps += [Step("pillar", p, name, link(f"pillars/{p}.md")) for p, name in ui["pillars"].items()]
    steps += [Step("scenario", s.id, s.title, link(f"scenarios/{s.id}.md")) for s in scenarios]
    steps.append(Step("exam", "", ui["pages"]["assessment"], link("assessment.md")))
    return steps


def home_html(steps: Sequence[Step], ui: dict[str, Any]) -> str:
    """The continue button and the path, under the home page's title."""
    t = ui["progress"]
    first = steps[0]
    items = "".join(
        f'<li class="cc-path__step" data-cc-step="{s.kind}" data-cc-key="{escape(s.key)}">'
        f'<a href="{escape(s.url)}">{escape(s.title)}</a>'
        '<br><span class="cc-path__state">&nbsp;</span></li>'  # a line kept for the state
        for s in steps
    )
    start = t["start"] if first.kind == "lesson" else t["continue"]
    return (
        # its space kept (two lines) before progress.js says where it leads
        f'<p class="cc-continue" data-cc-continue style="min-height:4.6em">'
        f'<a class="md-button md-button--primary" '
        f'href="{escape(first.url)}">{escape(start.format(title=first.title))}</a></p>\n'
        f'<nav class="cc-path" data-cc-path aria-labelledby="cc-path">'
        f'<h2 id="cc-path">{escape(t["path"])}</h2>'
        f'<progress class="cc-path__bar" max="{len(steps)}" value="0" '
        'style="display:block;width:100%" '
        f'aria-label="{escape(t["course_bar"])}"></progress>'
        f'<ol class="cc-path__steps">{items}</ol></nav>\n'
    )


def with_home_path(markdown: str, html: str) -> str:
    """The home page's Markdown with ``html`` under its title."""
    lines = markdown.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            return "\n".join([*lines[: i + 1], "", html, *lines[i + 1 :]])
    return f"{html}\n{markdown}"


def scenario_end_html(scenarios: Sequence[Scenario], index: int, ui: dict[str, Any],
                      link: Callable[[str], str]) -> str:
    """"Scenario 2 of 4", the previous scenario and the next (or the assessment)."""
    pages = ui["pages"]

    def to(uri: str, label: str, title: Any, rel: str) -> str:
        return (f'<a class="cc-next__{rel}" rel="{rel}" href="{escape(link(uri))}">'
                f'<span class="cc-next__label">{escape(label)}</span> {title}</a>')

    where = pages["scenario_of"].format(number=index + 1, total=len(scenarios))
    links = []
    if index > 0:
        before = scenarios[index - 1]
        links.append(to(f"scenarios/{before.id}.md", pages["previous_scenario"],
                        md_inline(before.title), "prev"))
    if index + 1 < len(scenarios):
        after = scenarios[index + 1]
        links.append(to(f"scenarios/{after.id}.md", pages["next_scenario"],
                        md_inline(after.title), "next"))
    else:
        links.append(to("assessment.md", pages["next_assessment"], "", "next"))
    return (f'<nav class="cc-next" aria-label="{escape(where)}">'
            f'<p class="cc-next__where">{escape(where)}</p>{"".join(links)}</nav>\n')
