"""What a learner does on the final assessment, and what the course says is right.

The assessment page tells nothing about right answers, so the tests know them the way a
trainer does: from the scenario files (the answer key), through the same option labels
the page was built with (``builder.exam_page.labels``).
"""

from __future__ import annotations

import json
from typing import Any

from conftest import EXAM_FIXTURE, Course
from playwright.sync_api import Locator, Page, expect

from builder.exam_page import labels
from builder.loader import load_course
from builder.render import md_block, md_inline
from builder.schema import Question

POOL: dict[str, Question] = {
    s.question_key(q): q for s in load_course(EXAM_FIXTURE / "scenarios").scenarios
    for q in s.exam_only
}
PAGE = "assessment.html"
QUIZ = "#assessment"


def plain(html: str) -> str:
    import html as html_lib
    import re

    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", html)).split())


def secrets() -> dict[str, list[str]]:
    """Per question: the texts only the key holds (feedback and explanation)."""
    return {key: [plain(str(md_inline(o.feedback))) for o in q.options]
            + [plain(str(md_block(q.explanation)))] for key, q in POOL.items()}


class Exam:
    def __init__(self, course: Course) -> None:
        self.course = course
        self.page: Page = course.page
        self.quiz = self.page.locator(QUIZ)

    def open(self) -> Exam:
        self.course.open(PAGE)
        return self

    def drawn(self) -> list[str]:
        return self.quiz.locator(".cc-quiz__questions > .cc-q").evaluate_all(
            "(qs) => qs.map((q) => q.dataset.ccQ)")

    def q(self, key: str) -> Locator:
        return self.quiz.locator(f'.cc-quiz__questions > .cc-q[data-cc-q="{key}"]')

    @staticmethod
    def label_of(key: str) -> list[int]:
        return labels(POOL[key], key)

    def right_labels(self, key: str) -> list[int]:
        question, label_of = POOL[key], self.label_of(key)
        return [label_of[i] for i in question.correct_indexes]

    def answer(self, key: str, *, right: bool) -> None:
        question, q = POOL[key], self.q(key)
        label_of = self.label_of(key)
        if question.type == "ordering":
            if right:
                self.course.put_in_order(q, [label_of[i] for i in range(len(question.options))])
            return  # the steps never start solved: as drawn, they are wrong
        wanted = self.right_labels(key) if right else [
            label_of[i] for i, o in enumerate(question.options) if not o.correct][:1]
        for label in wanted:
            q.locator(f'.cc-opt[data-cc-index="{label}"] input').click()

    def answer_all(self, right: bool | list[bool]) -> None:
        keys = self.drawn()
        rights = right if isinstance(right, list) else [right] * len(keys)
        for key, r in zip(keys, rights, strict=True):
            self.answer(key, right=r)

    def submit(self) -> None:
        self.quiz.locator(".cc-submit").click()
        expect(self.quiz.locator(".cc-verdict")).to_be_visible()

    def new_attempt(self) -> None:
        self.quiz.locator(".cc-retry").click()
        expect(self.quiz.locator(".cc-submit")).to_be_visible()

    def stored(self) -> dict[str, Any]:
        return json.loads(self.page.evaluate("() => localStorage.getItem('carecourse')") or "{}")


# Every text and attribute of the document, every <details> opened, and what the inert
# <template> of the pool holds (not the runtime's own code: scripts and styles).
EVERYTHING = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true; });
  const out = [];
  const walk = (root) => {
    const w = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
    for (let n = w.currentNode; n; n = w.nextNode()) {
      if (n.nodeType === Node.TEXT_NODE) {
        if (!['SCRIPT', 'STYLE'].includes(n.parentNode.nodeName)) out.push(n.data);
        continue;
      }
      for (const a of n.attributes || []) out.push(`${a.name}=${a.value}`);
      if (n.tagName === 'TEMPLATE') walk(n.content);
    }
  };
  walk(document.documentElement);
  return out.join('\\n');
}"""
