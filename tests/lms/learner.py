"""What a learner does inside the packaged course, in terms of the quiz HTML (in a frame)."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Frame, Locator, Page, expect

from builder.exam_page import labels
from builder.loader import load_course
from builder.schema import Question

# The assessment page tells nothing about right answers: the tests know them as a trainer
# does, from the fixture's scenario files, through the labels the page was built with.
EXAM_POOL: dict[str, Question] = {
    s.question_key(q): q
    for s in load_course(Path(__file__).parent / "fixtures" / "course" / "scenarios").scenarios
    for q in s.exam_only
}

READY = ("() => [...document.querySelectorAll('.cc-quiz')]"
         ".every((q) => q.dataset.ccReady === '1' && q.classList.contains('cc-js'))")


def course_frame(page: Page) -> Frame:
    """The course frame: in the launch shell (in the test LMS's page, or the top window)."""
    page.wait_for_function(
        "() => { const s = document.querySelector('#sco');"
        " const shell = s ? s.contentDocument : document;"
        " const f = shell && shell.querySelector('#cc-lms-course');"
        " const d = f && f.contentDocument;"
        " return !!d && d.readyState === 'complete' && !!d.querySelector('.md-content'); }")
    frame = next(f for f in page.frames if "/course/" in f.url)
    frame.wait_for_function(READY)
    return frame


def _follow(frame: Frame, link: Locator) -> Frame:
    before = frame.url
    link.click()
    frame.wait_for_url(lambda url: url != before)
    frame.wait_for_load_state()
    frame.wait_for_function(READY)
    return frame


def go(frame: Frame, page_file: str) -> Frame:
    """Follow the navigation link to a page of the course (e.g. "scenarios/cold-soup.html")."""
    found = frame.evaluate(
        """(file) => {
          const here = new URL('./', document.querySelector('link[rel=canonical], base')?.href
            || location.href);
          const a = [...document.querySelectorAll('a.md-nav__link')].find((x) =>
            x.offsetParent && new URL(x.href).pathname.endsWith(`/${file}`));
          if (a) a.dataset.ccTestLink = '1';
          return !!a && !!here;
        }""", page_file)
    assert found, f"no navigation link to {page_file}"
    return _follow(frame, frame.locator("a[data-cc-test-link]"))


def switch_language(frame: Frame, code: str) -> Frame:
    """Choose another language in the header's selector: the same page, in that language."""
    frame.locator(".md-header__option .md-select").hover()
    return _follow(frame, frame.locator(f'a.cc-lang[hreflang="{code}"]'))


def put_in_order(frame: Frame, key: str, target: list[int] | None = None) -> None:
    """Move an ordering question's steps with its ↑ buttons into ``target`` (data-cc-index
    values; default: the right order of a practice question, 0..n-1)."""
    q = frame.locator(f'.cc-q[data-cc-q="{key}"]')
    now = [int(i) for i in q.locator(".cc-opt").evaluate_all(
        "(os) => os.map((o) => o.dataset.ccIndex)")]
    for pos, index in enumerate(sorted(now) if target is None else target):
        while (at := now.index(index)) > pos:
            q.locator(f'.cc-opt[data-cc-index="{index}"] .cc-move--up').click()
            now[at - 1], now[at] = now[at], now[at - 1]


def answer_right(frame: Frame, key: str) -> None:
    q = frame.locator(f'.cc-q[data-cc-q="{key}"]')
    if q.get_attribute("data-cc-type") == "ordering":
        put_in_order(frame, key)
        return
    for opt in q.locator('.cc-opt[data-cc-correct="true"] input').all():
        opt.check()


def practise_page(frame: Frame) -> list[str]:
    """Answer every practice question on the page correctly and check it; returns the keys."""
    keys = frame.locator(".cc-quiz:not([data-cc-mode=exam]) .cc-q").evaluate_all(
        "(qs) => qs.map((q) => q.dataset.ccQ)")
    for key in keys:
        answer_right(frame, key)
        q = frame.locator(f'.cc-q[data-cc-q="{key}"]')
        q.locator(".cc-check").click()
        expect(q).to_contain_class("cc-q--right")
    return keys


def play_to(frame: Frame, rating: str) -> str:
    """Play the page's role-play to an ending with ``rating``; returns the ending's id."""
    path = frame.evaluate(
        """(rating) => {
          const box = document.querySelector('.cc-play');
          const start = box.dataset.ccStart;
          const step = (id) => box.querySelector(`.cc-step[data-cc-node="${id}"]`);
          const seen = new Map([[start, null]]);
          const todo = [start];
          while (todo.length) {
            const id = todo.shift();
            if (step(id).dataset.ccRating === rating) {
              const path = [];
              for (let at = id; at !== start; at = seen.get(at)) path.unshift(at);
              return path;
            }
            step(id).querySelectorAll('a[data-cc-goto]').forEach((a) => {
              const next = a.dataset.ccGoto;
              if (!seen.has(next)) { seen.set(next, id); todo.push(next); }
            });
          }
          return null;
        }""", rating)
    assert path, f"no {rating} ending"
    box = frame.locator(".cc-play")
    box.scroll_into_view_if_needed()  # its module loads when it comes near the window
    expect(box).to_contain_class("cc-js")
    for node in path:
        frame.locator(f'.cc-step--current a[data-cc-goto="{node}"]').click()
    expect(frame.locator(".cc-play__live")).not_to_be_empty()
    return path[-1]


def _exam_answer(frame: Frame, key: str, *, right: bool) -> None:
    question, label_of = EXAM_POOL[key], labels(EXAM_POOL[key], key)
    q = frame.locator(f'#assessment .cc-q[data-cc-q="{key}"]')
    if question.type == "ordering":
        if right:  # the steps never start solved: as drawn, they are wrong
            put_in_order(frame, key, [label_of[i] for i in range(len(question.options))])
        return
    wanted = [i for i, o in enumerate(question.options) if o.correct == right]
    for i in wanted if right else wanted[:1]:
        q.locator(f'.cc-opt[data-cc-index="{label_of[i]}"] input').check()


def _take_assessment(frame: Frame, *, right: bool) -> list[str]:
    quiz = frame.locator("#assessment")
    keys = quiz.locator(".cc-quiz__questions > .cc-q").evaluate_all(
        "(qs) => qs.map((q) => q.dataset.ccQ)")
    assert keys, "no assessment questions drawn"
    for key in keys:
        _exam_answer(frame, key, right=right)
    quiz.locator(".cc-submit").click()
    expect(quiz.locator(".cc-verdict--pass" if right else ".cc-verdict--fail")).to_be_visible()
    return keys


def pass_assessment(frame: Frame) -> list[str]:
    """Answer the final assessment correctly and submit it; returns the question keys."""
    return _take_assessment(frame, right=True)


def fail_assessment(frame: Frame) -> list[str]:
    """Answer every assessment question wrongly and submit; returns the question keys."""
    return _take_assessment(frame, right=False)
