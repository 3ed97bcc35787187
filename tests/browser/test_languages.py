"""The five-language course as published: built by the real CLI, one site per language.

The ``site_url`` fixture is overridden here, so the shared ``page`` and
``course`` fixtures (fresh phone-sized context, no console errors, nothing
from another host) open the multi-language site: ``en/``, ``nl/``, ``ru/``,
``tr/``, ``it/`` and the language chooser at ``/``. A second copy is built for
and served under ``/training/``.
"""

from __future__ import annotations

import re

import pytest
from conftest import REPO, Course
from multilang import (
    BY_ID,
    SiteBuild,
    expected_mastery,
    language_strings,
    localized,
    plain,
    shown_mastery,
    stored,
    watched_page,
)
from playwright.sync_api import Browser, Page, expect

from builder.locale import ui_strings

pytestmark = pytest.mark.browser

LANGUAGES = ["en", "nl", "ru", "tr", "it"]
SCENARIO = "scenarios/margarine-run.html"


# ------------------------------------------------------------------------ the sites


@pytest.fixture(scope="session")
def site_url(multilang_sites: dict[str, SiteBuild]) -> str:
    """Overrides conftest's English-only site for this module: the full course at /."""
    return multilang_sites["/"].wait()


@pytest.fixture(scope="session")
def training_url(multilang_sites: dict[str, SiteBuild]) -> str:
    """The full course published under a sub-path: http://127.0.0.1:PORT/training/."""
    return multilang_sites["/training/"].wait()


# ---------------------------------------------------------------------- helpers


def choose_language(page: Page, code: str) -> None:
    """Open the header's language selector (the translate icon) and pick ``code``."""
    select = page.locator(".md-header__option .md-select")
    select.locator("button.md-header__button").click()  # focus opens the list
    expect(select.locator(".md-select__inner")).to_have_css("opacity", "1")
    link = select.locator(f"a.md-select__link[hreflang='{code}']")
    expect(link).to_be_visible()
    link.click()


def html_lang(page: Page) -> str:
    return page.evaluate("() => document.documentElement.lang")


def open_drawer(page: Page) -> None:
    page.locator("label.md-header__button[for='__drawer']").click()
    expect(page.locator(".md-sidebar--primary")).to_be_in_viewport()


# ------------------------------------------------------------------------- tests


def test_language_selector_leads_to_the_same_scenario(page: Page, site_url: str) -> None:
    course = Course(page)
    course.open(f"ru/{SCENARIO}", settle=True)
    assert html_lang(page) == "ru"
    expect(page.locator(".md-select__link[hreflang='ru']")).to_have_attribute(
        "aria-current", "page"
    )

    choose_language(page, "tr")
    page.wait_for_url(f"{site_url}tr/{SCENARIO}")
    course.wait_ready("#scenario-margarine-run")
    assert html_lang(page) == "tr"
    scenario = localized("tr")["margarine-run"]
    expect(page.locator(".md-content h1")).to_contain_text(plain(scenario.title))
    expect(page.locator(".md-select__link[hreflang='tr']")).to_have_attribute(
        "aria-current", "page"
    )

    # the quiz speaks Turkish: result, feedback, button and score
    t = language_strings("tr")
    question = scenario.practice[0]
    q = course.q(f"margarine-run/{question.id}")
    (right,) = course.correct(q)
    wrong = course.wrong(q)[0]
    course.choose(q, [wrong])
    course.check(q)
    expect(q.locator(".cc-q__result")).to_have_text(t("wrong"))
    expect(course.opt(q, wrong).locator(".cc-opt__feedback")).to_have_text(
        plain(question.options[wrong].feedback)
    )
    expect(course.opt(q, right).locator(".cc-opt__feedback")).to_have_text(
        plain(question.options[right].feedback)
    )
    expect(q.locator(".cc-check")).to_have_text(f"✓ {t('checked')}")
    expect(q.locator(".cc-again")).to_have_text(t("try_again"))
    total = len(scenario.practice)
    expect(course.summary().locator(".cc-score")).to_have_text(t("score", right=0, total=total))
    expect(course.summary().locator(".cc-progress")).to_have_text(
        t("progress", done=1, total=total)
    )
    q.locator(".cc-again").click()
    course.choose(q, [right])
    course.check(q)
    expect(q.locator(".cc-q__result")).to_have_text(t("right"))


def test_language_selector_keeps_the_page_after_instant_navigation(
    page: Page, site_url: str
) -> None:
    """Material swaps only the page content on instant navigation, not the header with the
    language selector: its links must still lead to the page now shown."""
    course = Course(page)
    course.open("en/", settle=True)
    page.evaluate("() => { window.__ccMarker = 1; }")
    page.locator(f".md-content a[href$='{SCENARIO}']").first.click()
    page.wait_for_url(f"{site_url}en/{SCENARIO}")
    course.wait_ready("#scenario-margarine-run")
    assert page.evaluate("() => window.__ccMarker === 1"), "instant navigation is off"
    hrefs = page.locator("a.md-select__link").evaluate_all(
        "(links) => Object.fromEntries(links.map((a) => [a.hreflang, a.href]))"
    )
    choose_language(page, "it")
    page.wait_for_url(re.compile("^" + re.escape(f"{site_url}it/")))
    page.wait_for_load_state()
    assert page.url == f"{site_url}it/{SCENARIO}", (
        f"after an instant navigation to en/{SCENARIO}, the language selector led to "
        f"{page.url} (its links: {hrefs})"
    )


# What each letter must not look like: its letter without the diacritic (or None).
TURKISH = {"ğ": "g", "ş": "s", "Ş": "S", "ı": "i", "İ": "I", "ç": "c", "ö": "o", "ü": "u"}
CYRILLIC = {"Ж": None, "ы": None, "щ": None, "Я": None, "Э": None, "ф": None, "й": "и", "ё": "е"}
TOFU = "\u0378"  # an unassigned code point: drawn as the missing-glyph box

GLYPHS = """({letters, tofu}) => {
  const root = document.querySelector('.md-content');
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = 64;
  const ctx = canvas.getContext('2d', {willReadFrequently: true});
  const out = {};
  for (const [letter, plainLetter] of letters) {
    // the first occurrence that is drawn (some are in folded or hidden parts)
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let node, first = null, box = null;
    while ((node = walker.nextNode())) {
      const at = node.data.indexOf(letter);
      if (at < 0) continue;
      first ||= node;
      range.setStart(node, at);
      range.setEnd(node, at + letter.length);
      box = range.getBoundingClientRect();
      if (box.width > 0 && box.height > 0) break;
    }
    if (!first) { out[letter] = {found: false}; continue; }
    node ||= first;
    const cs = getComputedStyle(node.parentElement);
    const font = `${cs.fontStyle} ${cs.fontWeight} 40px ${cs.fontFamily}`;
    const ink = (text) => {
      ctx.clearRect(0, 0, 64, 64);
      ctx.font = font;
      ctx.textBaseline = 'top';
      ctx.fillText(text, 8, 8);
      const px = ctx.getImageData(0, 0, 64, 64).data;
      let n = 0, sig = '';
      for (let i = 3; i < px.length; i += 4) if (px[i]) { n += 1; sig += i.toString(36) + px[i]; }
      return {n, sig};
    };
    const glyph = ink(letter), missing = ink(tofu), bare = plainLetter ? ink(plainLetter) : null;
    out[letter] = {
      found: true, tag: node.parentElement.tagName, family: cs.fontFamily,
      width: box.width, height: box.height, ink: glyph.n,
      tofu: glyph.sig === missing.sig, bare: bare ? glyph.sig === bare.sig : false,
    };
  }
  return out;
}"""


@pytest.mark.parametrize(
    ("language", "letters"), [("tr", TURKISH), ("ru", CYRILLIC)], ids=["turkish", "cyrillic"]
)
def test_letters_are_drawn_with_a_real_font(
    page: Page, language: str, letters: dict[str, str | None], tmp_path
) -> None:
    """The letters are in the page, and the font really has them (no missing-glyph boxes).

    Each letter is drawn on a canvas in the font of the element that shows it, and
    compared with the missing-glyph box and with the letter without its diacritic.
    """
    Course(page).open(f"{language}/{SCENARIO}")
    assert html_lang(page) == language
    shot = tmp_path / f"{language}-scenario.png"
    page.screenshot(path=str(shot))
    print(f"screenshot for humans: {shot}")
    # some letters occur only in folded parts: unfold them, and show every role-play step
    # and every explanation (shown once a question is checked)
    page.evaluate(
        """() => {
          document.querySelectorAll('.md-content details').forEach((d) => { d.open = true; });
          document.querySelectorAll('.cc-play, .cc-quiz')
            .forEach((p) => p.classList.remove('cc-js'));
        }"""
    )
    found = page.evaluate(GLYPHS, {"letters": list(letters.items()), "tofu": TOFU})
    problems = []
    for letter, seen in found.items():
        if not seen["found"]:
            problems.append(f"{letter!r} is not in the page text")
            continue
        if not seen["family"] or seen["width"] <= 0 or seen["height"] <= 0:
            problems.append(f"{letter!r} takes no room in <{seen['tag']}>: {seen}")
        if seen["ink"] == 0 or seen["tofu"]:
            problems.append(f"{letter!r} is drawn as a missing glyph in {seen['family']}")
        if seen["bare"]:
            problems.append(f"{letter!r} is drawn without its diacritic as {letters[letter]!r}")
    assert not problems, f"{language}: " + "; ".join(problems) + f" (screenshot: {shot})"


def test_progress_made_in_dutch_shows_in_italian(page: Page) -> None:
    course = Course(page)
    course.open("nl/scenarios/hungry-baby.html")
    assert html_lang(page) == "nl"
    keys = page.locator(".cc-q").evaluate_all("(qs) => qs.map((q) => q.dataset.ccQ)")
    answers = {keys[0]: True, keys[1]: False}
    for key, right in answers.items():
        q = course.q(key)
        course.answer(q, right=right)
        course.check(q)
    seen = {key: Course.state(course.q(key)) for key in answers}

    course.open("it/scenarios/hungry-baby.html")
    assert html_lang(page) == "it"
    t_it = language_strings("it")
    expect(page.locator(".cc-q--done")).to_have_count(len(answers))
    for key, right in answers.items():
        q = course.q(key)
        expect(q).to_contain_class("cc-q--right" if right else "cc-q--wrong")
        now = Course.state(q)
        for part in ("done", "ok", "verdicts", "checked", "order", "disabled"):
            assert now[part] == seen[key][part], (key, part, now, seen[key])
        assert now["result"] == (t_it("right") if right else t_it("wrong")), now
    total = page.locator(".cc-q").count()
    expect(course.summary().locator(".cc-score")).to_have_text(t_it("score", right=1, total=total))

    course.open("it/progress.html")
    assert shown_mastery(page) == expected_mastery(answers, {})
    names = ui_strings("it")["pillars"]
    first_pillar = BY_ID["hungry-baby"].practice[0].pillar
    expect(page.locator(f".cc-mastery--{first_pillar} strong")).to_contain_text(
        names[first_pillar]
    )
    assert set(stored(page)["q"]) == set(answers)


@pytest.mark.parametrize(
    ("locale", "landing"),
    [("it-IT", "it/index.html"), ("tr", "tr/index.html"), ("de-DE", "en/index.html")],
    ids=["italian", "turkish", "other-is-default"],
)
def test_language_chooser_follows_the_browser(
    chromium: Browser, site_url: str, locale: str, landing: str
) -> None:
    with watched_page(chromium, site_url, locale=locale) as page:
        page.goto("")
        page.wait_for_url(f"{site_url}{landing}")
        assert html_lang(page) == landing.split("/")[0]
        expect(page.locator(".md-content h1")).to_be_visible()


def test_links_stay_under_a_sub_path(chromium: Browser, training_url: str) -> None:
    """Published at /training/: the chooser, the nav, the language selector and the runtime's
    links all stay under it, and every file the pages load is found there."""
    assert training_url.endswith("/training/")
    with watched_page(chromium, training_url) as page:
        course = Course(page)
        page.goto("")  # the language chooser (browser language: en-US)
        page.wait_for_url(f"{training_url}en/index.html")
        page.wait_for_load_state("networkidle")
        course.wait_ready()
        page.evaluate("() => { window.__ccMarker = 1; }")

        # the navigation (in the drawer on a phone), with instant navigation
        open_drawer(page)
        page.locator(f".md-nav--primary a.md-nav__link[href$='{SCENARIO}']").first.click()
        page.wait_for_url(f"{training_url}en/{SCENARIO}")
        course.wait_ready("#scenario-margarine-run")
        assert page.evaluate("() => window.__ccMarker === 1"), (
            "the nav link reloaded the page: instant navigation is off under /training/"
        )
        assert_links_under(page, training_url)

        # the language selector, after that instant navigation: only the sub-path is checked
        # here (which page it leads to: test_language_selector_keeps_the_page_after_instant_nav)
        choose_language(page, "it")
        page.wait_for_url(re.compile("^" + re.escape(f"{training_url}it/")))
        page.wait_for_load_state()
        assert html_lang(page) == "it"
        assert_links_under(page, training_url)

        # the language selector on a page loaded as such keeps the page
        course.open(f"it/{SCENARIO}")
        choose_language(page, "tr")
        page.wait_for_url(f"{training_url}tr/{SCENARIO}")
        course.wait_ready("#scenario-margarine-run")
        assert html_lang(page) == "tr"
        assert_links_under(page, training_url)

        # links the runtime makes: the progress page's to-do list, the home page's "continue"
        course.open("tr/progress.html")
        todo = page.locator(".cc-todo a")
        expect(todo).to_have_count(len(BY_ID))
        hrefs = todo.evaluate_all("(links) => links.map((a) => a.href)")
        assert all(h.startswith(f"{training_url}tr/scenarios/") for h in hrefs), hrefs
        assert all(page.request.get(h).ok for h in hrefs), hrefs
        assert_links_under(page, training_url)
        course.open("tr/")
        expect(page.locator(".cc-continue a")).to_have_attribute(
            "href", f"{training_url}tr/{SCENARIO}"
        )


def assert_links_under(page: Page, base: str) -> None:
    """Every link and loaded file on this host is under ``base``."""
    urls = page.evaluate(
        """() => [
          ...[...document.querySelectorAll('a[href]')].map((a) => a.href),
          ...performance.getEntriesByType('resource').map((r) => r.name),
        ]"""
    )
    host = re.match(r"https?://[^/]+/", base)
    assert host
    stray = sorted({u for u in urls if u.startswith(host.group(0)) and not u.startswith(base)})
    assert not stray, f"links or files outside {base}: {stray[:10]}"


def test_each_language_has_its_own_search_index(page: Page, site_url: str) -> None:
    for language in LANGUAGES:
        index = page.request.get(f"{site_url}{language}/search/search_index.json").json()
        assert index["config"]["lang"] == [language], language
        titles = {doc["title"] for doc in index["docs"]}
        scenario = localized(language)["margarine-run"]
        assert plain(scenario.title) in titles, (language, sorted(titles)[:8])


@pytest.mark.parametrize(
    ("language", "word", "scenario"),
    [("tr", "bakkal", "margarine-run"), ("ru", "маргарин", "margarine-run")],
    ids=["turkish", "russian"],
)
def test_search_finds_words_of_the_language(
    page: Page, site_url: str, language: str, word: str, scenario: str
) -> None:
    page.goto(f"{language}/")
    page.wait_for_load_state("networkidle")
    page.locator("label.md-header__button[for='__search']").click()
    field = page.locator(".md-search__input")
    field.fill(word)
    field.press("End")  # Material searches on keyup; fill() alone types no key
    results = page.locator(".md-search-result__item")
    expect(results.first).to_be_visible()
    hrefs = results.locator("a").evaluate_all("(links) => links.map((a) => a.href)")
    assert any(f"/{language}/scenarios/{scenario}.html" in h for h in hrefs), hrefs
    expect(results.first.locator("mark").first).to_be_visible()


PRACTICE_WORDS = [
    "roleplay.back", "roleplay.restart", "roleplay.choose", "roleplay.map",
    "progress.title", "progress.mastery", "progress.reset_all",
]


def words(language: str) -> dict[str, str]:
    ui = ui_strings(language, str(REPO))
    return {k: str(ui[k.split(".")[0]][k.split(".")[1]]) for k in PRACTICE_WORDS}


def test_role_play_and_progress_speak_the_language(page: Page, site_url: str) -> None:
    """The role-play and the progress page use the language's own words, not English."""
    course = Course(page)
    course.open(f"tr/{SCENARIO}")
    play = page.locator("#play-margarine-run")
    play.scroll_into_view_if_needed()  # the role-play's module loads when it comes near
    expect(play).to_contain_class("cc-js")
    shown = {
        "roleplay.back": play.locator(".cc-back").inner_text(),
        "roleplay.restart": play.locator(".cc-restart").inner_text(),
        "roleplay.choose": play.locator(".cc-step--current .cc-step__title").inner_text(),
    }
    course.open(f"tr/{SCENARIO.replace('scenarios/', 'trainers/')}")
    shown["roleplay.map"] = page.locator("details.cc-map-box summary").inner_text()
    course.open("tr/progress.html")
    page.locator(".cc-mastery").wait_for()
    shown["progress.title"] = page.locator(".md-content h1").evaluate(
        "(h) => h.firstChild.textContent"
    )
    shown["progress.mastery"] = page.locator(".cc-progress-page h2").first.inner_text()
    shown["progress.reset_all"] = page.locator(".cc-reset-all").inner_text()
    turkish, english = words("tr"), words("en")
    untranslated = [k for k in PRACTICE_WORDS if turkish[k] == english[k]]
    assert not untranslated, f"tr has English words for {untranslated}"
    assert {k: v.strip() for k, v in shown.items()} == turkish
    # the other languages, from the manifest the progress runtime reads
    for language in ("nl", "ru", "it"):
        manifest = page.request.get(f"{site_url}{language}/assets/carecourse/course.json").json()
        assert manifest["t"]["title"] == words(language)["progress.title"] != english[
            "progress.title"
        ], language
