"""Interface strings per language, from ``builder/locales/<lang>.yaml``.

A project may add or override a language with ``locales/<lang>.yaml`` next to
``mkdocs.yml``; any key a translation lacks falls back to English. Every file is
checked against the English one (:func:`locale_problems`, run by ``check``): a
broken file, a key English does not have, a mapping where English has a text (or
the other way round), or a ``{placeholder}`` English does not use is reported
with its line and column, and the string falls back to English instead of
breaking the build. Interface strings are plain text: HTML tags are removed.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

from builder.loader import display_path, source_problems
from builder.plural import categories, counted_strings, is_counted, language_name, noun
from builder.problems import Path as DataPath
from builder.problems import Problem, did_you_mean, format_path
from builder.yamlsource import SourceMap, YamlSyntaxError, load_file

DEFAULT_LANGUAGE = "en"
_PACKAGE_LOCALES = Path(__file__).parent / "locales"
_CODE = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")  # nl, pt-BR, zh_Hant
_TAG = re.compile(r"<(?=[A-Za-z/!?])[^>]*>?")
Checked = tuple[dict[str, Any], list[Problem]]


def _placeholders(text: str) -> set[str] | None:
    """The ``{names}`` of a format string, or None when it is not a valid one."""
    try:
        fields = [name for _, name, spec, conv in string.Formatter().parse(text)
                  if name is not None and not spec and not conv]
        total = [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return None
    if len(fields) != len(total) or not all(name.isidentifier() for name in fields):
        return None  # {0}, {x.attr}, {x[0]}, {x!r}, {x:>9}: not for translators
    return set(fields)


class _Checker:
    def __init__(self, name: str, smap: SourceMap, language: str) -> None:
        self.name = name
        self.smap = smap
        self.language = language
        self.problems: list[Problem] = []

    def add(self, loc: DataPath, message: str, severity: str = "error", *,
            key: bool = False) -> None:
        pos = self.smap.key_pos(loc) if key else self.smap.value_pos(loc)
        self.problems.append(Problem(self.name, pos.line, pos.col, format_path(loc), message,
                                     severity))  # type: ignore[arg-type]

    def mapping(self, english: dict[str, Any], data: dict[str, Any], loc: DataPath) -> dict:
        out: dict[str, Any] = {}
        for key, value in data.items():
            where = (*loc, str(key))
            if key not in english:
                hint = did_you_mean(str(key), [str(k) for k in english])
                self.add(where, f"unknown key '{key}' (English has no such string, so it is "
                         f"not used){hint}", "warning", key=True)
            elif is_counted(english[key]):
                forms = self.counted(english[key], value, where)
                if forms is not None:
                    out[key] = forms
            elif isinstance(english[key], dict):
                if isinstance(value, dict):
                    out[key] = self.mapping(english[key], value, where)
                else:
                    self.add(where, f"expected a mapping of keys (as in English: "
                             f"{', '.join(list(english[key])[:3])}, ...), got {_kind(value)}")
            elif isinstance(value, dict | list) or value is None or isinstance(value, bool):
                self.add(where, f"expected text, got {_kind(value)}")
            else:
                text = self.text(str(value), str(english[key]), where)
                if text is not None:
                    out[key] = text
        return out

    def forms_of(self, data: dict[str, Any], loc: DataPath) -> None:
        for key, value in data.items():
            if is_counted(value):
                self.counted(value, value, (*loc, str(key)))
            elif isinstance(value, dict):
                self.forms_of(value, (*loc, str(key)))

    def counted(self, english: dict[str, str], value: Any, loc: DataPath) -> dict | None:
        """A counted string: exactly the plural forms of the file's language."""
        wanted = categories(self.language)
        name = language_name(self.language)
        if not isinstance(value, dict):
            self.add(loc, f"this string counts: write it as a mapping with one form per "
                     f"{name} plural category ({', '.join(wanted)}), not {_kind(value)}")
            return None
        extra = [str(k) for k in value if k not in wanted]
        for key in extra:
            self.add((*loc, key), f"'{key}' is not a plural category of {name}, which has "
                     f"{', '.join(wanted)}", key=True)
        missing = [c for c in wanted if c not in value]
        if missing:
            forms = noun(len(missing), "form", "forms")
            self.add(loc, f"missing the {name} plural {forms} "
                     f"{', '.join(repr(c) for c in missing)} ({name} has {', '.join(wanted)})")
        if extra or missing:
            return None
        texts = {c: self.text(str(value[c]), " ".join(english.values()), (*loc, c))
                 for c in wanted}
        return None if None in texts.values() else texts

    def text(self, value: str, english: str, loc: DataPath) -> str | None:
        names, wanted = _placeholders(value), _placeholders(english) or set()
        if names is None:
            self.add(loc, "braces must hold a {placeholder} name of the English string, "
                     f"which has {_listed(wanted)}; write other braces as {{{{ and }}}}")
            return None
        if names - wanted:
            unknown = sorted(names - wanted)[0]
            close = did_you_mean(unknown, sorted(wanted))
            hint = re.sub(r"'(\w+)'", r"'{\1}'", close)
            self.add(loc, f"'{{{unknown}}}' is not a placeholder of the English string, "
                     f"which has {_listed(wanted)}{hint}")
            return None
        if _TAG.search(value):
            self.add(loc, "interface strings are plain text: the HTML tags are removed",
                     "warning")
            value = _TAG.sub("", value)
        return value


def _listed(names: set[str]) -> str:
    return ", ".join(f"{{{n}}}" for n in sorted(names)) or "none"


def _kind(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return "nothing" if value is None else "true/false"
    kinds: dict[type, str] = {dict: "a mapping", list: "a list", str: "text"}
    return kinds.get(type(value), "a number")


def _stamp(path: Path) -> tuple[str, int, int]:
    """A file's identity for caches: its absolute path, modification time and size."""
    info = path.stat()
    return str(path.resolve()), info.st_mtime_ns, info.st_size


def _checked(path: str, english_path: str | None) -> Checked:
    """A locale file's usable strings and its problems."""
    return _checked_stamped(_stamp(Path(path)), path, english_path)


@lru_cache(maxsize=64)
def _checked_stamped(stamp: tuple[str, int, int], path: str, english_path: str | None) -> Checked:
    file = Path(path)
    name = display_path(file)
    try:
        data, smap = load_file(file)
    except YamlSyntaxError as exc:
        return {}, [Problem(name, exc.pos.line, exc.pos.col, "", exc.message)]
    problems = source_problems(name, smap)
    if data is None:
        return {}, [*problems, Problem(name, 1, 1, "", "the file is empty", "warning")]
    if not isinstance(data, dict):
        return {}, [*problems, Problem(name, 1, 1, "", "a locale file is a mapping of keys "
                                       f"like the English one (pages:, quiz:, ...), not "
                                       f"{_kind(data)}")]
    checker = _Checker(name, smap, file.stem)
    if english_path is None:  # the English file itself: its counted strings are checked
        checker.forms_of(data, ())
        return data, [*problems, *checker.problems]
    clean = checker.mapping(_english(), data, ())
    return clean, [*problems, *checker.problems]


@lru_cache(maxsize=1)
def _english() -> dict[str, Any]:
    data, problems = _checked(str(_PACKAGE_LOCALES / f"{DEFAULT_LANGUAGE}.yaml"), None)
    if problems:  # a broken package is a bug, not the trainer's to fix
        raise RuntimeError("builder/locales/en.yaml: " + "; ".join(map(str, problems)))
    return data


def _files(language: str, project_dir: str | None) -> list[Path]:
    if not _CODE.match(language):
        return []
    dirs = [_PACKAGE_LOCALES] + ([Path(project_dir) / "locales"] if project_dir else [])
    return [d / f"{language}.yaml" for d in dirs if (d / f"{language}.yaml").is_file()]


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def ui_strings(language: str = DEFAULT_LANGUAGE, project_dir: str | None = None) -> dict[str, Any]:
    """All interface strings for ``language``, English filling any gap (and replacing any
    string that is broken). Cached until one of the files changes."""
    files = [path for lang in dict.fromkeys([DEFAULT_LANGUAGE, language])
             for path in _files(lang, project_dir)]
    return _ui(tuple(_stamp(p) for p in files), language)


@lru_cache(maxsize=32)
def _ui(stamps: tuple[tuple[str, int, int], ...], language: str) -> dict[str, Any]:
    merged = _english()
    english = str((_PACKAGE_LOCALES / f"{DEFAULT_LANGUAGE}.yaml").resolve())
    for path, _, _ in stamps:
        if path != english:
            merged = _merge(merged, _checked(path, english)[0])
    return counted_strings(merged, language)


def locale_problems(project_dir: Path | str | None, languages: list[str]) -> list[Problem]:
    """Every problem in the locale files the course uses (package and project)."""
    english = str(_PACKAGE_LOCALES / f"{DEFAULT_LANGUAGE}.yaml")
    problems: list[Problem] = []
    project = str(project_dir) if project_dir is not None else None
    for lang in dict.fromkeys([DEFAULT_LANGUAGE, *languages]):
        for path in _files(lang, project):
            if str(path) != english:
                problems.extend(_checked(str(path), english)[1])
    folder = Path(project) / "locales" if project else None
    if folder is not None and folder.is_dir():
        for path in sorted(folder.glob("*.y*ml")):
            if path.stem not in languages and path.stem != DEFAULT_LANGUAGE:
                hint = did_you_mean(path.stem, languages) or did_you_mean(path.stem.lower(),
                                                                          languages)
                problems.append(Problem(display_path(path), 1, 1, "",
                                        f"this file is not used: '{path.stem}' is not one of "
                                        f"the course languages ({', '.join(languages)}){hint}",
                                        "warning"))
    return sorted(problems)
