"""Exam mode without a browser: settings, the pool, the page markup, the encoded key."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from builder.assessment import attempt_size, exam_pool, pool_counts
from builder.exam_page import answer_key, assessment_markdown, labels
from builder.exam_pool_files import POOL_DIR, PoolFiles, chunks, pool_files, short_hash
from builder.examkey import decode_key, encode_key, fnv1a, mulberry32
from builder.loader import load_course
from builder.locale import ui_strings
from builder.manifest import course_manifest
from builder.render import md_block, md_inline
from builder.schema import Scenario
from builder.settings import Assessment, SettingsError, read_settings

REPO = Path(__file__).resolve().parent.parent
EXAM = Path(__file__).parent / "fixtures" / "exam"
STORE_JS = REPO / "builder" / "assets" / "store.js"


@pytest.fixture(scope="module")
def scenarios() -> list[Scenario]:
    course = load_course(EXAM / "scenarios")
    assert course.ok, course.problems
    return course.scenarios


def page(scenarios: list[Scenario], settings: Assessment | None = None) -> str:
    """The assessment page and every file of its pool: all that a learner can load."""
    pool = pool_files(scenarios, ui_strings("en"))
    html = assessment_markdown(scenarios, ui_strings("en"), pass_mark=60, pool_version=pool.version,
                               settings=settings or Assessment(questions_per_pillar=2))
    return "\n".join([html, *pool.files.values()])


def chunk_data(text: str) -> Any:
    """What a pool file hands to ``window.carecourse.chunk``."""
    found = re.fullmatch(r'window\.carecourse\.chunk\("(\w+)",(.*)\);\n', text, re.S)
    assert found is not None, text[:80]
    return json.loads(found.group(2))


# --- settings (read by builder.settings from the plugin block) ----------------------------------


def assessment_block(tmp_path: Path, block: str) -> Assessment:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: T\nplugins:\n  - carecourse:\n" + block, encoding="utf-8")
    return read_settings(config).course.assessment


def test_settings_defaults_and_the_plugin_mapping(tmp_path: Path) -> None:
    assert assessment_block(tmp_path, "") == Assessment(
        questions_per_pillar=3, max_attempts=0, retry_after_minutes=0,
        reveal_answers="after_pass")
    got = assessment_block(tmp_path, "      assessment: {questions_per_pillar: 1, "
                           "max_attempts: 2, retry_after_minutes: 30, reveal_answers: always}\n")
    assert got == Assessment(questions_per_pillar=1, max_attempts=2, retry_after_minutes=30,
                             reveal_answers="always")


@pytest.mark.parametrize(("raw", "message"), [
    ("questions_per_pillar: 0", "5:31: plugins.carecourse.assessment.questions_per_pillar: must "
                                "be a whole number of at least 1, got 0"),
    ("max_attempts: -1", "5:23: plugins.carecourse.assessment.max_attempts: must be a whole "
                         "number of at least 0, got -1"),
    ("retry_after_minutes: ten", "5:30: plugins.carecourse.assessment.retry_after_minutes: "
                                 "expected a whole number, got 'ten'"),
    ("max_attempts: true", "5:23: plugins.carecourse.assessment.max_attempts: expected a whole "
                           "number, got True"),
    ("reveal_answers: never", "5:25: plugins.carecourse.assessment.reveal_answers: 'never' is "
                              "not allowed here; use one of 'after_pass', 'always'"),
    ("questions: 3", "5:9: plugins.carecourse.assessment.questions: unknown key 'questions'; "
                     "did you mean 'questions_per_pillar'?"),
])
def test_bad_settings_are_named(tmp_path: Path, raw: str, message: str) -> None:
    with pytest.raises(SettingsError) as error:
        assessment_block(tmp_path, f"      assessment:\n        {raw}\n")
    assert str(error.value).endswith(f"mkdocs.yml:{message}")


# --- the pool ---------------------------------------------------------------------------------


def test_the_pool_is_the_exam_only_questions_by_pillar(scenarios: list[Scenario]) -> None:
    pool = exam_pool(scenarios)
    assert all(q.exam_only for _, q in pool)
    assert len(pool) == sum(len(s.exam_only) for s in scenarios) == 12
    assert [q.pillar for _, q in pool] == ["care"] * 4 + ["spontaneity"] * 4 + ["recovery"] * 4
    assert pool_counts(scenarios) == {"care": 4, "spontaneity": 4, "recovery": 4}
    assert attempt_size(scenarios, Assessment(questions_per_pillar=2)) == 6
    assert attempt_size(scenarios, Assessment(questions_per_pillar=9)) == 12


def test_the_shipped_course_has_an_exam_pool_for_every_pillar() -> None:
    course = load_course(REPO / "scenarios")
    counts = pool_counts(course.scenarios)
    assert min(counts.values()) >= Assessment().questions_per_pillar, counts


# --- what the page holds before Submit --------------------------------------------------------


def texts_of_answers(scenarios: list[Scenario]) -> list[str]:
    """Feedback and explanations of every exam-only question, as the page would show them."""
    out = []
    for _, q in exam_pool(scenarios):
        out += [str(md_inline(o.feedback)) for o in q.options]
        out.append(str(md_block(q.explanation)).removeprefix("<p>").removesuffix("</p>"))
    return out


def test_the_page_has_the_questions_but_no_answers(scenarios: list[Scenario]) -> None:
    html = page(scenarios)
    for _, q in exam_pool(scenarios):
        assert str(md_inline(q.prompt)) in html
        for option in q.options:
            assert str(md_inline(option.text)) in html
    for text in texts_of_answers(scenarios):
        assert text not in html, text
    assert "data-cc-correct" not in html and "cc-q__explain" not in html
    assert "cc-opt__feedback" not in html
    # no link back to the scenario that answers it
    assert "scenarios/" not in html


def flipped(scenarios: list[Scenario]) -> list[Scenario]:
    """The same course with other right answers in every choice question of the pool."""
    out = []
    for s in scenarios:
        quiz = []
        for q in s.quiz:
            if q.exam_only and q.type != "ordering":
                flags = [o.correct for o in q.options]
                flags = flags[1:] + flags[:1]
                if q.type == "multiple" and not any(flags):
                    flags[0] = True
                options = [o.model_copy(update={"correct": c})
                           for o, c in zip(q.options, flags, strict=True)]
                q = q.model_copy(update={"options": options})
            quiz.append(q)
        out.append(s.model_copy(update={"quiz": quiz}))
    return out


def test_the_page_does_not_depend_on_the_answers(scenarios: list[Scenario]) -> None:
    """Other right answers change only the encoded keys (and so the files' versions):
    nothing else in the page or its pool tells."""
    strip = re.compile(r'data-cc-pool="\w+"|"k":"[^"]*"|"[0-9a-f]{12}"')
    before, after = page(scenarios), page(flipped(scenarios))
    assert before != after
    assert strip.sub("", before) == strip.sub("", after)


def test_the_page_holds_no_question_and_names_its_pool(scenarios: list[Scenario]) -> None:
    pool = pool_files(scenarios, ui_strings("en"))
    html = assessment_markdown(scenarios, ui_strings("en"), pass_mark=60,
                               settings=Assessment(), pool_version=pool.version)
    assert f'data-cc-pool="{pool.version}"' in html
    for _, q in exam_pool(scenarios):
        assert str(md_inline(q.prompt)) not in html
    index = chunk_data(pool.files[POOL_DIR + "index.js"])
    files = {"care": 1, "spontaneity": 2, "recovery": 3}  # 4 questions each: one file
    assert index == {s.question_key(q): [q.pillar, files[q.pillar]]
                     for s, q in exam_pool(scenarios)}
    for key, (_, n) in index.items():
        assert f'data-cc-q="{key}"' in chunk_data(pool.files[f"{POOL_DIR}{n}.js"])["h"]
    assert sorted(pool.files) == [POOL_DIR + name for name in ("1.js", "2.js", "3.js", "index.js")]
    assert pool.version == short_hash("".join(pool.files[u] for u in sorted(pool.files)))


def test_a_large_pool_is_split_into_chunks_of_one_pillar() -> None:
    course = load_course(EXAM / "scenarios").scenarios
    # the same questions five times, pillar by pillar: 20 per pillar
    pool = [(s, q) for p in ("care", "spontaneity", "recovery")
            for s, q in exam_pool(course) * 5 if q.pillar == p]
    parts = chunks(pool)
    assert [len(c) for c in parts] == [8, 8, 4] * 3
    assert all(len({q.pillar for _, q in c}) == 1 for c in parts)


def test_a_course_without_exam_questions_has_no_pool(scenarios: list[Scenario]) -> None:
    practice_only = [s.model_copy(update={"quiz": s.practice}) for s in scenarios]
    assert pool_files(practice_only, ui_strings("en")) == PoolFiles("", {})
    html = assessment_markdown(practice_only, ui_strings("en"), pass_mark=60,
                               settings=Assessment())
    assert "data-cc-pool" not in html and ui_strings("en")["exam"]["no_questions"] in html


def test_option_labels_hide_the_written_order(scenarios: list[Scenario]) -> None:
    for s, q in exam_pool(scenarios):
        label_of = labels(q, s.question_key(q))
        assert sorted(label_of) == list(range(len(q.options)))
        assert label_of != list(range(len(q.options))), q.id


# --- the key ----------------------------------------------------------------------------------


def test_the_key_decodes_to_answers_feedback_and_explanations(scenarios: list[Scenario]) -> None:
    key = answer_key(exam_pool(scenarios))
    files = pool_files(scenarios, ui_strings("en")).files
    decoded = {}
    for uri, text in files.items():
        if not uri.endswith("index.js"):
            decoded.update(decode_key(chunk_data(text)["k"]))
    assert decoded == key
    single = key["lost-booking/x-recovery-1"]
    assert single["c"] == [1]
    assert single["f"][1] == "Heron feedback two, thanks."
    assert single["e"] == "<p>Heron explanation of thanks.</p>"
    # label -> option index, the inverse of labels()
    for s, q in exam_pool(scenarios):
        label_of = labels(q, s.question_key(q))
        assert [key[s.question_key(q)]["p"][label_of[i]] for i in range(len(q.options))] == list(
            range(len(q.options)))
    assert key["lost-booking/x-recovery-2"]["c"] == []  # ordering: the written order


def test_the_blob_is_not_readable() -> None:
    data = {"a": {"f": ["The right answer is to smile."], "e": "Because guests like it."}}
    blob = encode_key(data)
    assert "smile" not in blob and "guests" not in blob
    assert decode_key(blob) == data
    assert encode_key(data) == blob, "the same content gives the same page"


def node_eval(script: str) -> object:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node not found: ./dev.sh test installs it (the runtime is checked with it)")
    prelude = f"global.window = {{ carecourse: {{}} }};\nrequire({json.dumps(str(STORE_JS))});\n"
    out = subprocess.run([node, "-e", prelude + script], capture_output=True, text=True,
                         check=True, timeout=30)
    return json.loads(out.stdout)


def test_the_browser_decodes_with_the_same_numbers() -> None:
    """store.js's FNV-1a and mulberry32 are the ones examkey.py encodes with."""
    salts = ["", "a", "0123456789abcdef", "lost-booking/x-care-3:2,0,3,1", "ключ"]
    got = node_eval(
        "const cc = window.carecourse;"
        f"const salts = {json.dumps(salts)};"
        "console.log(JSON.stringify(salts.map((s) => {"
        "  const next = cc.numbers(cc.hash(s));"
        "  return [cc.hash(s), cc.hash(s).toString(36), [0, 1, 2, 3, 4].map(() => next())];"
        "})));"
    )
    from builder.exam_page import base36

    want = []
    for salt in salts:
        stream = mulberry32(fnv1a(salt))
        want.append([fnv1a(salt), base36(fnv1a(salt)), [next(stream) for _ in range(5)]])
    assert got == want


# --- course.json ------------------------------------------------------------------------------


def test_course_json_lists_the_pool_without_answers(scenarios: list[Scenario]) -> None:
    urls = {s.id: f"scenarios/{s.id}/" for s in scenarios}
    settings = Assessment(questions_per_pillar=2, max_attempts=3)
    data = json.loads(course_manifest(scenarios, urls, ui_strings("en"), pass_mark=60,
                                      assessment=settings))
    assert data["pass_mark"] == 60
    assert data["exam"]["per_pillar"] == 2 and data["exam"]["max_attempts"] == 3
    assert len(data["exam"]["pool"]) == 12
    assert data["exam"]["pool"][0] == {"key": "lost-booking/x-care-1", "pillar": "care",
                                       "type": "single", "n": 3}
    practice = [q["key"] for s in data["scenarios"] for q in s["questions"]]
    assert practice == ["lost-booking/first-words", "lost-booking/notice-mood",
                        "late-delivery/tell-when"]
    text = json.dumps(data)
    assert "correct" not in text and "Zebra" not in text and "feedback" not in text
