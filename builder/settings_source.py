"""Reading ``mkdocs.yml`` into :class:`~builder.settings.Settings`, with positions.

MkDocs' own tags (``!ENV``, ``!relative``) are understood; every problem of the
carecourse block is reported at its line and column, as scenario errors are.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from builder.loader import display_path
from builder.problems import Path as DataPath
from builder.problems import Problem, did_you_mean, format_path, quoted_list
from builder.settings import (
    LANGUAGE_CODE,
    Assessment,
    CourseOptions,
    Language,
    Settings,
    SettingsError,
)
from builder.yamlsource import SourceMap, node_source_map

PLUGIN = "carecourse"
HANDLED = ("site_name", "site_description", "site_url", "copyright", "docs_dir", "site_dir",
           "use_directory_urls", "theme", "markdown_extensions", "extra", "extra_css",
           "extra_javascript", "nav", "plugins")
MATERIAL_LANGUAGES = "templates/partials/languages"


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that knows MkDocs' ``!ENV`` and ``!relative`` tags."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    from yaml_env_tag import construct_env_tag

    return construct_env_tag(loader, node)


_Loader.add_constructor("!ENV", _env)


class PythonTag:
    """A ``!!python/name:...`` value (e.g. Material's emoji index), kept to be written back."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PythonTag) and (self.tag, self.value) == (other.tag, other.value)

    def __hash__(self) -> int:
        return hash(self.tag)


def _python_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> PythonTag:
    value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else ""
    return PythonTag("tag:yaml.org,2002:python/" + suffix, value)


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python_tag)


def _relative(base: Path, loader: yaml.SafeLoader, node: yaml.Node) -> str:
    suffix = str(loader.construct_scalar(node)) if isinstance(node, yaml.ScalarNode) else ""
    return str(base / suffix.replace("$config_dir", "").lstrip("/")) if suffix else str(base)


def _parse(config_file: Path) -> tuple[Any, SourceMap]:
    name = display_path(config_file)
    try:
        text = config_file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SettingsError([Problem(name, 1, 1, "", f"not UTF-8 text ({exc.reason})")]) from None
    except OSError as exc:
        raise SettingsError([Problem(name, 1, 1, "", f"cannot be read ({exc.strerror})")]) \
            from None
    loader_class: Any = type("Loader", (_Loader,), {})
    loader_class.add_constructor("!relative",
                                 functools.partial(_relative, config_file.parent))
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        raise SettingsError([Problem(name, line, col, "",
                                     f"YAML syntax error: {exc.problem or exc}")]) from None
    finally:
        loader.dispose()
    return data, node_source_map(node, text)


def _plugin_block(plugins: Any) -> tuple[DataPath, Any]:
    """Where the carecourse block is (``('plugins', 1, 'carecourse')``) and what it says."""
    if isinstance(plugins, dict):
        return ("plugins", PLUGIN), plugins.get(PLUGIN) or {}
    for i, entry in enumerate(plugins or []):
        if entry == PLUGIN:
            return ("plugins", i), {}
        if isinstance(entry, dict) and PLUGIN in entry:
            return ("plugins", i, PLUGIN), entry[PLUGIN] or {}
    return ("plugins",), {}


def _other_plugins(plugins: Any) -> tuple[Any, ...] | None:
    if plugins is None:
        return None
    if isinstance(plugins, dict):
        return tuple({k: v} for k, v in plugins.items() if k != PLUGIN)
    return tuple(e for e in plugins or [] if e != PLUGIN
                 and not (isinstance(e, dict) and PLUGIN in e))


def _shown(loc: DataPath) -> str:
    """``('plugins', 1, 'carecourse', 'pass_mark')`` -> ``plugins.carecourse.pass_mark``."""
    return format_path(tuple(p for i, p in enumerate(loc)
                             if not (i == 1 and loc[0] == "plugins" and isinstance(p, int))))


def _without_typo_twins(errs: list[Any]) -> list[Any]:
    """``nam:`` yields a missing 'name' and an unknown 'nam': the second says it all."""
    unknown = {(tuple(e["loc"][:-1]), str(e["loc"][-1]))
               for e in errs if e["type"] == "extra_forbidden"}
    return [e for e in errs if not (e["type"] == "missing" and any(
        parent == tuple(e["loc"][:-1]) and did_you_mean(k, [str(e["loc"][-1])])
        for parent, k in unknown))]


def _model_at(loc: DataPath) -> type[BaseModel] | None:
    """The settings model that describes the mapping at ``loc`` (for key suggestions)."""
    if not loc:
        return CourseOptions
    if loc[0] == "languages" and len(loc) == 2:
        return Language
    if loc == ("assessment",):
        return Assessment
    return None


def _message(err: Any) -> tuple[DataPath, str, bool]:
    """A pydantic error as (where, what, at-the-key)."""
    loc: DataPath = tuple(err["loc"])
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    if kind == "carecourse":
        return (*loc, *ctx.get("at", [])), err["msg"], bool(ctx.get("key"))
    if loc and loc[-1] == "[key]":
        loc = loc[:-1]
        return loc, (f"{str(loc[-1])!r} is not a language code: use a code such as 'nl', 'ru' "
                     f"or 'pt-BR' (lowercase letters, then '-' parts)"), True
    if kind == "extra_forbidden":
        model = _model_at(loc[:-1])
        known = list(model.model_fields) if model else []
        hint = did_you_mean(str(loc[-1]), known) or (
            f"; expected one of {quoted_list(known)}" if known else "")
        return loc, f"unknown key '{loc[-1]}'{hint}", True
    if kind in ("greater_than_equal", "less_than_equal"):
        low = _bounds(loc)
        return loc, f"must be a whole number {low}, got {value}", False
    if kind == "literal_error":
        allowed = [a.strip("'") for a in str(ctx.get("expected", "")).replace(" or ", ", ")
                   .split(", ")]
        hint = did_you_mean(str(value), allowed) or f"; use one of {quoted_list(allowed)}"
        return loc, f"{value!r} is not allowed here{hint}", False
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return loc, f"expected a whole number, got {value!r}", False
    if kind in ("bool_type", "bool_parsing"):
        return loc, f"expected true or false, got {value!r}", False
    if kind in ("string_type", "model_type", "dict_type", "model_attributes_type"):
        want = "text" if kind == "string_type" else "a mapping of keys"
        return loc, f"expected {want}, got {value!r}", False
    if kind == "missing":
        return loc[:-1], f"missing required key '{loc[-1]}'", False
    if kind == "string_too_short":
        return loc, "must not be empty", False
    return loc, err["msg"][0].lower() + err["msg"][1:], False


def _bounds(loc: DataPath) -> str:
    model = _model_at(loc[:-1])
    info = model.model_fields.get(str(loc[-1])) if model else None
    low = high = None
    for meta in getattr(info, "metadata", []):
        low = getattr(meta, "ge", low)
        high = getattr(meta, "le", high)
    if low is not None and high is not None:
        return f"from {low} to {high}"
    return f"of at least {low}" if low is not None else f"of at most {high}"


def _material_languages() -> set[str] | None:
    try:
        import material
    except ImportError:  # pragma: no cover - Material is a dependency
        return None
    folder = Path(material.__file__).parent / MATERIAL_LANGUAGES
    return {p.stem for p in folder.glob("*.html")} or None


def settings_from_file(config_file: Path, overrides: dict[str, Any]) -> Settings:
    config_file = config_file.resolve()
    name = display_path(config_file)
    data, smap = _parse(config_file)
    if not isinstance(data, dict):
        raise SettingsError([Problem(name, 1, 1, "", "expected a mapping of MkDocs settings "
                                     "(site_name:, plugins:, ...)")])
    problems = [Problem(name, pos.line, pos.col, format_path(key), "this key is written twice")
                for key, pos in smap.duplicate_keys]

    def at(loc: DataPath, message: str, key: bool = False) -> Problem:
        pos = smap.key_pos(loc) if key else smap.value_pos(loc)
        return Problem(name, pos.line, pos.col, _shown(loc), message)

    prefix, block = _plugin_block(data.get("plugins"))
    course = CourseOptions()
    if not isinstance(block, dict):
        problems.append(at(prefix, "expected a mapping of carecourse settings"))
    else:
        try:
            course = CourseOptions.model_validate(block)
        except ValidationError as exc:
            for err in _without_typo_twins(exc.errors()):
                loc, message, key = _message(err)
                problems.append(at((*prefix, *loc), message, key))
    written = block.get("languages") if isinstance(block, dict) else None
    known = _material_languages()
    for code in map(str, written if isinstance(written, dict) and known else []):
        if known and re.fullmatch(LANGUAGE_CODE, code) and code not in known:
            hint = did_you_mean(code, sorted(known)) or " (the theme has no words for it)"
            problems.append(at((*prefix, "languages", code),
                               f"'{code}' is not a language Material for MkDocs knows{hint}",
                               key=True))
    return _settings(config_file, data, course, problems, at, prefix, overrides)


def _settings(config_file: Path, data: dict[str, Any], course: CourseOptions,
              problems: list[Problem], at: Any, prefix: DataPath,
              overrides: dict[str, Any]) -> Settings:
    project = config_file.parent
    if course.logo:
        logo = (project / course.logo).resolve()
        if not logo.is_relative_to(project):
            problems.append(at((*prefix, "logo"), f"{course.logo!r} is outside the project "
                               "folder; copy the file into it (e.g. content/en/assets/) and "
                               "point logo: there"))
        elif not logo.is_file():
            problems.append(at((*prefix, "logo"), f"{course.logo!r} not found (the path is "
                               f"relative to {config_file.name})"))
        elif logo.suffix.lower() not in (".svg", ".png", ".jpg", ".jpeg"):
            problems.append(at((*prefix, "logo"), "the logo must be an SVG, PNG or JPEG file"))
    theme = data.get("theme") or {}
    if isinstance(theme, str):
        theme = {"name": theme}
    values = {key: data.get(key) for key in HANDLED}
    values.update({k: v for k, v in overrides.items() if v is not None})
    if not isinstance(values["site_name"], str) or not values["site_name"].strip():
        problems.append(at(("site_name",), "the course needs a site_name (its title)"))
    if problems:
        raise SettingsError(problems)
    return Settings(
        config_file=config_file,
        site_name=str(values["site_name"]).strip(),
        site_description=values["site_description"],
        site_url=values["site_url"] or None,
        copyright=values["copyright"],
        docs_dir=(project / str(values["docs_dir"] or "docs")).resolve(),
        site_dir=(project / str(values["site_dir"] or "site")).resolve(),
        use_directory_urls=values["use_directory_urls"] is True,  # page.html: works from a file
        theme=theme if isinstance(theme, dict) else {},
        markdown_extensions=tuple(values["markdown_extensions"] or ()),
        extra=values["extra"] or {},
        extra_css=tuple(values["extra_css"] or ()),
        extra_javascript=tuple(values["extra_javascript"] or ()),
        nav=values["nav"],
        plugins=_other_plugins(data.get("plugins")),
        passthrough={k: v for k, v in data.items() if k not in HANDLED},
        course=course,
    )
