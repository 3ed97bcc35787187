"""The final assessment in exam mode, on a course with exam-only questions (tests/fixtures/exam).

Before Submit nothing on the page tells a right option from a wrong one; each attempt is
drawn anew; a wrong answer's right option stays hidden until an attempt passed or the
attempts are used up; the certificate carries the passing attempt.
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

import pytest
from conftest import Course
from exam import EVERYTHING, PAGE, POOL, Exam, secrets
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PER_PILLAR, MAX, PASS = 2, 3, 60  # tests/fixtures/exam/mkdocs.yml

# Puts ?ccseed=... into localStorage before any page script runs.
SEED = """
try {
  const seed = new URLSearchParams(location.search).get("ccseed");
  if (seed !== null) localStorage.setItem("carecourse", seed);
} catch (e) {}
"""


@pytest.fixture
def exam(exam_page) -> Exam:
    return Exam(Course(exam_page)).open()


def test_an_attempt_covers_every_pillar(exam: Exam, t) -> None:
    keys = exam.drawn()
    assert len(keys) == 3 * PER_PILLAR
    assert sorted(POOL[k].pillar for k in keys) == sorted(["care", "spontaneity", "recovery"]
                                                          * PER_PILLAR)
    expect(exam.quiz.locator(".cc-exam__status")).to_have_text(f"Attempt 1 of {MAX}.")
    expect(exam.quiz.locator(".cc-q__num")).to_have_text([f"{i}." for i in range(1, 7)])
    expect(exam.quiz.locator(".cc-check, .cc-retry, .cc-score")).to_have_count(0)
    expect(exam.quiz.locator(".cc-submit")).to_have_text(t("submit"))
    # nothing links back to the scenario that answers the question
    expect(exam.quiz.locator(".cc-quiz__questions a")).to_have_count(0)


def test_before_submit_nothing_tells_the_answers(exam: Exam) -> None:
    """Whatever the learner opens or answers, no feedback, explanation or right answer."""
    everything = exam.page.evaluate(EVERYTHING)
    exam.answer_all(True)
    everything += exam.page.evaluate(EVERYTHING)
    found = [(key, text) for key, texts in secrets().items() for text in texts
             if text in everything]
    assert not found, f"the page tells before Submit: {found[:3]}"
    for marker in ("data-cc-correct", "data-cc-verdict", "cc-opt__feedback", "cc-q__review",
                   "cc-q__explain"):
        assert marker not in everything, marker
    expect(exam.page.locator(".cc-opt__feedback, .cc-q__explanation")).to_have_count(0)
    stored = json.dumps(exam.stored())
    assert not any(text in stored for texts in secrets().values() for text in texts)


def test_answers_are_kept_before_submitting(exam: Exam) -> None:
    keys = exam.drawn()
    order = {k: exam.course.order(exam.q(k)) for k in keys}
    exam.answer(keys[0], right=True)
    chosen = exam.course.state(exam.q(keys[0]))["checked"] or exam.course.order(exam.q(keys[0]))
    exam.course.reload()
    assert exam.drawn() == keys, "a reload draws the same questions"
    assert {k: exam.course.order(exam.q(k)) for k in keys[1:]} == {k: order[k] for k in keys[1:]}
    now = exam.course.state(exam.q(keys[0]))
    assert (now["checked"] or now["order"]) == chosen
    expect(exam.quiz.locator(".cc-q--done")).to_have_count(0)


def test_submit_with_questions_left(exam: Exam, t) -> None:
    keys = exam.drawn()
    choices = [k for k in keys if POOL[k].type != "ordering"]  # steps are always in an order
    exam.quiz.locator(".cc-submit").click()
    expect(exam.quiz.locator(".cc-note")).to_have_text(t("unanswered", missing=len(choices)))
    exam.answer(choices[0], right=True)
    exam.quiz.locator(".cc-submit").click()
    expect(exam.quiz.locator(".cc-note")).to_have_count(1)
    expect(exam.quiz.locator(".cc-note")).to_have_text(t("unanswered", missing=len(choices) - 1))
    expect(exam.quiz.locator(".cc-q--done, [data-cc-verdict]")).to_have_count(0)
    expect(exam.quiz.locator("input:disabled")).to_have_count(0)
    assert exam.stored()["x"]["done"] == []


def test_a_wrong_answer_keeps_its_right_option_hidden_until_a_pass(exam: Exam, t) -> None:
    exam.answer_all(False)
    exam.submit()
    ex = t.ui["exam"]
    expect(exam.quiz.locator(".cc-verdict")).to_have_text(
        t("failed", percent=0, pass_mark=PASS))
    expect(exam.quiz.locator(".cc-q--wrong")).to_have_count(6)
    # the review: each question right or not, with its explanation ...
    for key in exam.drawn():
        expect(exam.q(key).locator(".cc-q__review")).to_contain_text(
            secrets()[key][-1][:30])
    # ... but neither the right option, nor any feedback that could tell it
    expect(exam.quiz.locator("[data-cc-verdict], .cc-opt__feedback")).to_have_count(0)
    text = exam.quiz.inner_text()
    for key in exam.drawn():
        for i in POOL[key].correct_indexes:
            assert secrets()[key][i] not in text, key
    expect(exam.quiz.locator(".cc-note")).to_have_text(ex["answers_later"])
    expect(exam.quiz.locator(".cc-exam__attempts")).to_have_text(
        ex["attempts_used"].format(used=1, max=MAX))

    # a reload shows the same review, no more
    exam.course.reload()
    expect(exam.quiz.locator(".cc-q--wrong")).to_have_count(6)
    expect(exam.quiz.locator("[data-cc-verdict], .cc-opt__feedback")).to_have_count(0)

    # pass an attempt; then a wrong answer shows its right option
    exam.new_attempt()
    exam.answer_all(True)
    exam.submit()
    expect(exam.quiz.locator(".cc-verdict--pass")).to_have_text(
        t("passed", percent=100, pass_mark=PASS))
    exam.new_attempt()
    keys = exam.drawn()
    exam.answer_all([False] + [True] * (len(keys) - 1))
    exam.submit()
    wrong = exam.q(keys[0])
    expect(wrong).to_contain_class("cc-q--wrong")
    if POOL[keys[0]].type == "ordering":
        expect(wrong.locator("[data-cc-verdict='wrong']")).not_to_have_count(0)
    else:
        for label in exam.right_labels(keys[0]):
            expect(wrong.locator(f".cc-opt[data-cc-index='{label}']")).to_have_attribute(
                "data-cc-verdict", "missed")
    expect(exam.quiz.locator(".cc-note")).to_have_count(0)


def test_attempts_draw_new_questions_until_they_are_used_up(exam: Exam, t) -> None:
    ex = t.ui["exam"]
    drawn = []
    for n in range(1, MAX + 1):
        expect(exam.quiz.locator(".cc-exam__status")).to_have_text(f"Attempt {n} of {MAX}.")
        drawn.append(exam.drawn())
        exam.answer_all(False)
        exam.submit()
        if n < MAX:
            exam.new_attempt()
    first, second, third = drawn
    assert not set(first) & set(second), "the second attempt asks other questions"
    assert first != third, "a reused question set comes in another order"
    expect(exam.quiz.locator(".cc-retry")).to_have_count(0)
    expect(exam.quiz.locator(".cc-exam__next")).to_have_text(ex["no_attempts_left"])
    # the attempts are used up: the right answers are shown now
    shown = exam.quiz.locator("[data-cc-verdict='missed'], [data-cc-verdict='wrong']")
    expect(shown).not_to_have_count(0)
    stored = exam.stored()["x"]
    assert [a["keys"] for a in stored["done"]] == drawn and "cur" not in stored
    assert all(a["percent"] == 0 and a["passed"] is False for a in stored["done"])
    exam.course.reload()
    expect(exam.quiz.locator(".cc-exam__next")).to_have_text(ex["no_attempts_left"])


def test_the_certificate_carries_the_passing_attempt(exam_page, exam_url: str, t) -> None:
    exam_page.context.add_init_script(SEED)
    course = Course(exam_page)
    keys = list(POOL)[:6]
    march = 1741953600000  # 2025-03-14 12:00 UTC
    by = {"care": {"right": 2, "total": 2}, "spontaneity": {"right": 1, "total": 2},
          "recovery": {"right": 2, "total": 2}}
    done = [{"keys": keys, "a": {}, "ok": dict.fromkeys(keys, True), "percent": 83, "by": by,
             "passed": True, "at": march}]
    seed = json.dumps({"v": 2, "seed": "abcdefgh12", "q": {}, "r": {}, "x": {"done": done}})
    with exam_page.expect_response(lambda r: "/certificate.js" in r.url) as loaded:
        course.open(f"{PAGE}?{urlencode({'ccseed': seed})}")
    assert loaded.value.ok, "a passed attempt loads the certificate's module (the offer's)"
    offer = exam_page.locator(".cc-cert-offer")
    expect(offer).to_be_visible()
    offer.locator("input").fill("Ada Lovelace")
    ring = offer.locator("input").evaluate(
        "(i) => { i.focus(); const s = getComputedStyle(i);"
        " return [i.matches(':focus-visible'), s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert ring[0] and ring[1] == "solid" and ring[2] >= 2, f"the name field's focus ring: {ring}"
    offer.locator("button[type=submit]").click()
    cert = offer.locator(".cc-cert")
    expect(cert).to_be_visible()
    expect(cert.locator("[data-cc-slot=name]")).to_have_text("Ada Lovelace")
    expect(cert.locator("[data-cc-slot=score]")).to_have_text("Overall score: 83%")
    date = cert.locator("[data-cc-slot=date]")
    expect(date).to_contain_text("2025")
    expect(date).to_contain_text("14")
    expect(date).to_contain_text("March")
    expect(cert.locator("[data-cc-slot=pillars] li")).to_have_text(
        ["Care and concern: 100%", "Spontaneity and flexibility: 50%", "Recovery: 100%"])

BROKEN_EXAM = ["x", 5, [], {"cur": "x"}, {"cur": {"keys": "a"}, "done": "x"},
               {"done": [5, {"keys": ["lost-booking/x-care-1"], "percent": 900}]},
               {"cur": {"keys": ["no/such-question"], "a": {}, "at": 1}, "done": []}]


def test_a_broken_exam_part_starts_afresh_and_keeps_the_rest(exam_page, t) -> None:
    """A bad exam part (x) is dropped on its own: a new attempt, practice answers kept."""
    exam_page.context.add_init_script(SEED)
    course = Course(exam_page)
    practice = {"lost-booking/first-words": {"a": [0], "ok": True, "n": 0}}
    for bad in BROKEN_EXAM:
        data = {"v": 2, "seed": "abcdefgh12", "q": practice, "r": {}, "x": bad}
        course.open(f"{PAGE}?{urlencode({'ccseed': json.dumps(data)})}")
        exam = Exam(course)
        assert len(exam.drawn()) == 6, bad
        expect(exam.quiz.locator(".cc-exam__status")).to_have_text(f"Attempt 1 of {MAX}.")
        kept = exam.stored()
        assert kept["q"] == practice and kept["seed"] == "abcdefgh12", bad
        assert kept["x"]["done"] == [] and kept["x"]["cur"]["keys"] == exam.drawn(), bad


def test_a_pass_is_kept_and_a_new_attempt_starts_clean(exam: Exam, t) -> None:
    n = len(exam.drawn())
    exam.answer_all(True)
    exam.submit()
    quiz = exam.quiz
    expect(quiz.locator(".cc-verdict--pass")).to_have_text(t("passed", percent=100, pass_mark=PASS))
    expect(quiz.locator(".cc-score")).to_have_text(t("score", right=n, total=n))
    expect(quiz.locator(".cc-score")).to_be_focused()
    expect(quiz.locator(".cc-q--right")).to_have_count(n)
    expect(quiz.locator(".cc-submit")).to_have_count(0)
    expect(quiz.locator("input:enabled, .cc-move:visible")).to_have_count(0)
    expect(quiz.locator(".cc-pillar-scores li")).to_have_text(
        [f"{t.pillar(p)}: {PER_PILLAR} of {PER_PILLAR}" for p in ("care", "spontaneity",
                                                                   "recovery")])
    exam.course.reload()
    expect(quiz.locator(".cc-verdict--pass")).to_be_visible()
    expect(quiz.locator(".cc-q--right")).to_have_count(n)
    exam.new_attempt()
    expect(quiz.locator(".cc-q--done, [data-cc-verdict], .cc-verdict")).to_have_count(0)
    expect(quiz.locator("input:checked, input:disabled")).to_have_count(0)
    expect(quiz.locator(".cc-exam__status")).to_have_text(f"Attempt 2 of {MAX}.")
    exam.course.reload()
    expect(quiz.locator(".cc-submit")).to_be_visible()


def test_just_below_and_at_the_pass_mark(exam: Exam, t) -> None:
    n = len(exam.drawn())
    need = next(k for k in range(n + 1) if round(100 * k / n) >= PASS)

    def percent(k: int) -> int:
        return int(100 * k / n + 0.5)  # Math.round

    exam.answer_all([i < need - 1 for i in range(n)])
    exam.submit()
    expect(exam.quiz.locator(".cc-verdict--fail")).to_have_text(
        t("failed", percent=percent(need - 1), pass_mark=PASS))
    exam.new_attempt()
    exam.answer_all([i < need for i in range(n)])
    exam.submit()
    expect(exam.quiz.locator(".cc-verdict--pass")).to_have_text(
        t("passed", percent=percent(need), pass_mark=PASS))
    assert [a["passed"] for a in exam.stored()["x"]["done"]] == [False, True]


def test_practice_answers_and_the_exam_are_kept_apart(exam_page, t) -> None:
    course = Course(exam_page)
    course.open("scenarios/lost-booking.html")
    practice = course.q("lost-booking/first-words")
    course.answer(practice, right=True)
    course.check(practice)
    exam = Exam(course).open()
    exam.answer_all(False)
    exam.submit()
    course.open("scenarios/lost-booking.html")
    expect(course.q("lost-booking/first-words")).to_contain_class("cc-q--right")
    expect(exam_page.locator(".cc-q")).to_have_count(2)  # no exam-only question here


def test_a_waiting_time_between_attempts(chromium, waiting_exam_url: str, t) -> None:
    """retry_after_minutes: 30, max_attempts: 0 (unlimited), reveal_answers: always."""
    from conftest import _finish, _watched_context

    ex = t.ui["exam"]
    context, watch = _watched_context(chromium, waiting_exam_url)
    exam = Exam(Course(context.new_page())).open()
    expect(exam.quiz.locator(".cc-exam__status")).to_have_text(
        f"Attempt 1. {ex['wait_rule'].format(minutes=30)}")
    keys = exam.drawn()
    exam.answer_all([False] + [True] * (len(keys) - 1))
    exam.submit()
    # revealed at once: the wrong answer's right option is marked
    expect(exam.q(keys[0]).locator("[data-cc-verdict]")).not_to_have_count(0)
    expect(exam.quiz.locator(".cc-exam__attempts")).to_have_text(
        ex["attempts_done"].format(used=1))
    expect(exam.quiz.locator(".cc-retry")).to_have_count(0)
    expect(exam.quiz.locator(".cc-exam__next")).to_contain_text(
        ex["next_attempt_at"].split("{time}")[0])
    # the time is kept with the attempt: half an hour later, a new attempt can start
    exam.page.evaluate("""() => {
      const d = JSON.parse(localStorage.getItem('carecourse'));
      d.x.done[0].at -= 31 * 60000;
      localStorage.setItem('carecourse', JSON.stringify(d));
    }""")
    exam.course.reload()
    exam.new_attempt()
    expect(exam.quiz.locator(".cc-exam__status")).to_contain_text("Attempt 2.")
    _finish(context, watch)


def test_a_pinned_option_keeps_its_place(exam: Exam) -> None:
    """'None of these.' is written last with fixed: true: it stays last, for every learner
    (four here, each a fresh seed) in every attempt that draws it."""
    key = "lost-booking/x-care-2"
    pinned = exam.label_of(key)[3]
    seen = 0
    for _ in range(4):
        for _ in range(2):  # two attempts draw every care question once
            if key in exam.drawn():
                assert exam.course.order(exam.q(key))[-1] == pinned
                seen += 1
                break
            exam.answer_all(False)
            exam.submit()
            exam.new_attempt()
        exam.page.evaluate("() => localStorage.clear()")
        exam.course.reload()
    assert seen == 4
