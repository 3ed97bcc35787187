"""Wording that makes a quiz item weak, in each course language, and how to spot it.

Two kinds of wording are looked for, as data (one list of regular expressions per
language, searched case-insensitively unless noted):

- ``ALL_NONE``: "all of the above" / "none of the above" options and their
  equivalents. They can be answered by elimination, and they make no sense once
  options are shuffled. ``WHOLE_OPTION`` lists the one-word forms ("None",
  "Hepsi") that count only when they are the whole option.
- ``NEGATIVE``: negative question stems ("Which of these is NOT ...", "What should
  you never say?"). Only the interrogative pattern counts: a question word followed
  closely by a negated verb, or an "all ... except" stem. A negation inside a
  condition ("What do you do if the guest does not answer?") is not flagged: the
  gap between the question word and the negation may not hold "if", "when" and
  their equivalents. ``EMPHASIS`` (case-sensitive) catches the capitalised
  negations item writers use ("NOT", "NIET", "НЕ", "DEĞİL", "NON").

Near-duplicate options are found on normalised text (case-folded words, no
punctuation): ``difflib`` ratio >= ``DUPLICATE_RATIO``, or the same set of words
(token overlap >= ``DUPLICATE_OVERLAP``, for options of three words or more). On
the shipped course the closest pair of options scores 0.64 and 0.44.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter

DUPLICATE_RATIO = 0.85
DUPLICATE_OVERLAP = 0.8
DUPLICATE_MIN_WORDS = 3


def _compile(patterns: dict[str, list[str]], flags: int = re.IGNORECASE
             ) -> dict[str, list[re.Pattern[str]]]:
    return {lang: [re.compile(p, flags) for p in items] for lang, items in patterns.items()}


ALL_NONE = _compile({
    "en": [r"\b(all|none|any|both|neither)\s+of\s+(the\s+)?(above|these|options|answers"
           r"|previous)\b",
           r"\ball\s+the\s+above\b"],
    "nl": [r"\b(alle|geen\s+van\s+(de|het)?)\s*(bovenstaande|bovengenoemde|voorgaande|vorige)\b",
           r"\b(al\s+het|alles)\s+(bovenstaande|hierboven)\b",
           r"\b(alle|geen\s+van\s+(de|deze))\s+(antwoorden|opties|mogelijkheden)\b",
           r"\bgeen\s+van\s+(beide|deze|allen)\b"],
    "ru": [r"\bвс[её]\s+(вышеперечисленное|перечисленное|вышесказанное|указанное|выше)",
           r"\bвсе\s+(вышеперечисленные|перечисленные|варианты|ответы|указанные)",
           r"\bничего\s+из\s+(вышеперечисленного|перечисленного|этого)",
           r"\bни\s+(один|одно|одна)\s+из\s+(вариантов|ответов|перечисленн|вышеперечисленн)",
           r"\bоба\s+(варианта|ответа)\b"],
    "tr": [r"\byukarıdaki\w*\s+(hepsi|hiçbiri|tümü|hiçbirisi)\b",
           r"\bseçenekler\w*\s+(hepsi|hiçbiri|tümü)\b",
           r"\b(hepsi|hiçbiri|tümü)\s+(doğru|yanlış)\w*"],
    "it": [r"\btutt[ei]\s+(le|i)\s+(precedenti|risposte|opzioni)\b",
           r"\bnessun[oa]?\s+(delle|dei|di)\s+(precedenti|queste|questi|risposte|opzioni)\b",
           r"\btutte\s+queste\b",
           r"\b(entrambe|entrambi)\s+(le|i)\s+(precedenti|risposte|opzioni)\b",
           r"\btutto\s+(quanto\s+)?(sopra|ciò\s+che\s+precede)\b"],
})

WHOLE_OPTION = {
    "en": {"all", "none", "both", "neither", "all of them", "none of them"},
    "nl": {"alle", "geen", "allebei", "beide", "geen van beide", "alles"},
    "ru": {"все", "всё", "ничего", "оба", "ни один", "никакой"},
    "tr": {"hepsi", "hiçbiri", "tümü", "her ikisi", "ikisi de"},
    "it": {"tutte", "tutti", "nessuna", "nessuno", "entrambe", "entrambi"},
}

# "the table, which is not ..." is a relative clause, not a question
_NOT_RELATIVE = r"(?<!,\s)"
_IT_NOT_RELATIVE = r"(?<!\bil\s)(?<!\bla\s)(?<!\ble\s)(?<!\bi\s)(?<!\bdei\s)(?<!\bdelle\s)"
# one word of the gap between question word and negation, but not a condition
_EN_W = r"(?!(if|when|because|while|after|before|until|unless)\b)[\w']+"
_NL_W = r"(?!(als|wanneer|omdat|terwijl|nadat|voordat|tenzij|indien)\b)[\w']+"
_RU_W = r"(?!(если|когда|потому|пока|хотя|чтобы)\b)\w+"
_IT_W = r"(?!(se|quando|perché|mentre|finché|dopo|prima)\b)[\w']+"

NEGATIVE = _compile({
    "en": [rf"{_NOT_RELATIVE}\bwhich\b(\s+{_EN_W}){{0,4}}?\s+(is|are|was|were|would|should"
           r"|does|do|could|can|must|will)\s+(not|never)\b",
           rf"{_NOT_RELATIVE}\bwhich\b(\s+{_EN_W}){{0,4}}?\s+(isn't|aren't|wouldn't|shouldn't"
           r"|doesn't|don't|can't|won't|mustn't)\b",
           r"\bwhat\s+(should|must|would|could|do|does|can)\s+(\w+\s+){0,2}(not|never)\s+"
           r"(do|say|ask|offer|tell|be|bring|use|promise)\b",
           r"\bwhat\s+(shouldn't|mustn't|wouldn't|can't)\b",
           r"\b(all|each|every)\b[^.?!]*\bexcept\b"],
    "nl": [rf"\bwelke?\b(\s+{_NL_W}){{0,4}}?\s+(is|zijn|hoort|horen|past|passen|klopt|kloppen"
           r"|werkt|helpt|mag|moet)\s+(er\s+)?(niet|nooit)\b",
           r"\bwat\s+(moet|mag|kun|kan|zou|moeten|mogen|kunnen)\s+(je|jij|u|jullie|een\s+ober"
           r"|het\s+personeel)\s+(\w+\s+)?(niet|nooit)\b",
           r"\b(alle|allemaal)\b[^.?!]*\bbehalve\b"],
    "ru": [r"(?<!,\s)\b(что|чего)\s+(не\s+)?(нельзя|не\s+(следует|стоит|нужно|надо|должен"
           r"|должна|должны|рекомендуется))\b",
           rf"(?<!,\s)\b(какой|какая|какое|какие|каких|что)\b(\s+{_RU_W}){{0,4}}?\s+не\s+"
           r"(является|являются|верно|верен|верна|верны|правильно|правильный|правильная|подходит|подходят"
           r"|относится|относятся|помогает|помогут|поможет|стоит|следует|нужно)\b",
           r"\bвсе\b[^.?!]*\bкроме\b"],
    "tr": [r"\bhangi\w*\b[^.?!]*\bdeğil(dir|ler|lerdir)?\b",
           r"\bhangi\w*\b[^.?!]*\w(mamalı|memeli)\w*",
           r"\bne\s+\w*(mamalı|memeli)\w*",
           r"\b(hangi\w*|ne)\b[^.?!]*\basla\b",
           r"\b(dışında|hariç)\b[^.?!]*\b(hepsi|tümü)\b"],
    "it": [rf"{_IT_NOT_RELATIVE}\bqual[ei]?\b(\s+{_IT_W}){{0,4}}?\s+non\b",
           r"\b(cosa|che\s+cosa)\s+non\s+(dovresti|devi|si\s+deve|bisogna|va|andrebbe"
           r"|conviene|dire|fare)\b",
           r"\btutt[ei]\b[^.?!]*\b(tranne|eccetto|fuorché)\b"],
})

EMPHASIS = _compile({
    "en": [r"\b(NOT|NEVER|EXCEPT)\b"],
    "nl": [r"\b(NIET|NOOIT|BEHALVE)\b"],
    "ru": [r"(?<!\w)(НЕ|НЕЛЬЗЯ|НИКОГДА|КРОМЕ)(?!\w)"],
    "tr": [r"\b(DEĞİL|DEĞİLDİR|ASLA|HARİÇ)\b"],
    "it": [r"\b(NON|MAI|TRANNE|ECCETTO)\b"],
}, flags=0)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def all_or_none(text: str, language: str) -> str | None:
    """The "all/none of the above" wording in an option, or None."""
    if " ".join(words(text)) in WHOLE_OPTION.get(language, set()):
        return text.strip().rstrip(".!;:")
    return _first_match(ALL_NONE.get(language, []), text)


def negative_stem(prompt: str, language: str) -> str | None:
    """The negative wording of a question stem ("which ... is not"), or None."""
    return (_first_match(EMPHASIS.get(language, []), prompt)
            or _first_match(NEGATIVE.get(language, []), prompt))


def near_duplicate(a: str, b: str) -> bool:
    """Two options that read almost the same (see the module docstring)."""
    wa, wb = words(a), words(b)
    ja, jb = " ".join(wa), " ".join(wb)
    # difflib's real_quick_ratio() and quick_ratio() (from the lengths, then the letters
    # in common) are upper bounds of ratio(), which is slow: most pairs stop there; they
    # are computed here without building the matcher, which costs more than both
    if _ratio(min(len(ja), len(jb)), ja, jb) >= DUPLICATE_RATIO \
            and _ratio((Counter(ja) & Counter(jb)).total(), ja, jb) >= DUPLICATE_RATIO \
            and difflib.SequenceMatcher(None, ja, jb, autojunk=False).ratio() >= DUPLICATE_RATIO:
        return True
    if min(len(wa), len(wb)) < DUPLICATE_MIN_WORDS:
        return False
    sa, sb = set(wa), set(wb)
    return len(sa & sb) / len(sa | sb) >= DUPLICATE_OVERLAP


def _ratio(matches: int, a: str, b: str) -> float:
    """difflib's ratio of ``matches`` for ``a`` and ``b``."""
    return 2.0 * matches / (len(a) + len(b)) if a or b else 1.0


def _first_match(patterns: list[re.Pattern[str]], text: str) -> str | None:
    for pattern in patterns:
        found = pattern.search(text)
        if found:
            return found.group(0)
    return None
