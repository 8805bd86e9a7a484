"""The interface's language: English, or Arabic through the gettext catalog `locale/ar`.

The catalog is a standard `.po` file in the repository (`syria_timeline/locale/ar/LC_MESSAGES/
timeline.po`), compiled to `.mo` when the package is built (`hatch_build.py`). Arabic is chosen
by `--lang ar` on the command line, else `TIMELINE_LANG=ar`, else an Arabic locale
(`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG` = `ar_*`); English otherwise.

Translation happens where text leaves for a person, not where it is written: help strings
when a command is built, Click's and Typer's own words, and whole messages, matched against
the catalog's entries, whose `{name}` fields stand for any text (a place name, a number). So
modules that print messages need no change to be translated, and an entry missing from the
catalog leaves its message in English, never broken. JSON, CSV and every document for a
program never pass here.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import re

# Imported on every run (the language is settled first): nothing compiled or looked up here.
DOMAIN = "timeline"
LANGUAGES = ("en", "ar")
# The language of the interface, settled once per run (`settle`).
_CURRENT: list[str] = ["en"]


def language(given: str | None, environ: Mapping[str, str] | None = None) -> str:
    """`ar` or `en`: `--lang` as given, else TIMELINE_LANG, else the locale's language."""
    env = os.environ if environ is None else environ
    for value in (given, env.get("TIMELINE_LANG")):
        if value and value.strip().lower() in LANGUAGES:
            return value.strip().lower()
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:  # the first one set decides, as for gettext itself
            first = value.split(":")[0]
            return "ar" if first.lower().startswith("ar") else "en"
    return "en"


def settle(lang: str) -> None:
    """Use this language for everything shown from now on."""
    _CURRENT[0] = lang if lang in LANGUAGES else "en"


def current() -> str:
    return _CURRENT[0]


@lru_cache(maxsize=4)
def catalog(lang: str) -> Any:
    """The gettext translations of a language (NullTranslations for English or no catalog)."""
    import gettext

    if lang == "en":
        return gettext.NullTranslations()
    locales = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "locale")
    return gettext.translation(DOMAIN, locales, languages=[lang], fallback=True)


def gettext_(message: str) -> str:
    """`message` in the interface's language (itself when there is no translation)."""
    return message if _CURRENT[0] == "en" else str(catalog(_CURRENT[0]).gettext(message))


def ngettext(singular: str, plural: str, count: int, lang: str | None = None) -> str | None:
    """The form for `count` (Arabic has six: 0, 1, 2, 3-10, 11-99, 100+), `{n}` filled; None
    when the language has no catalog (not compiled: an install that skipped the build)."""
    lang = lang or _CURRENT[0]
    chosen = str(catalog(lang).ngettext(singular, plural, count))
    if lang != "en" and chosen in (singular, plural):
        return None
    return chosen.replace("{n}", f"{count:,}" if lang == "en" else str(count))


_ = gettext_


def message(text: str) -> str:
    """A whole message, line by line, translated by the catalog's entry that fits it."""
    if _CURRENT[0] == "en" or not text:
        return text
    return "\n".join(_line(line) for line in text.split("\n"))


def _line(line: str) -> str:
    indent = line[: len(line) - len(line.lstrip(" "))]
    body = line[len(indent):]
    if not body:  # "" is the catalog's header, never a message
        return line
    for prefix in ("Error: ", "Warning: ", "Note: "):
        if body.startswith(prefix):
            return indent + gettext_(prefix) + _line(body[len(prefix):])
    exact = gettext_(body)
    if exact != body:
        return indent + exact
    for pattern, template in _patterns(_CURRENT[0]):
        found = pattern.fullmatch(body)
        if found:
            return indent + template.format(**{k: _field(k, v)
                                               for k, v in found.groupdict().items()})
    return line


def _field(name: str, value: str) -> str:
    """A filled-in field in the reader's language: a message inside a message is translated,
    and the names a suggestion offers are joined by this language's "or"."""
    if name == "inner":
        return _line(value)
    if name == "suggestions":
        return value.replace(" or ", gettext_(" or "))
    return value


@lru_cache(maxsize=2)
def _patterns(lang: str) -> list[tuple[re.Pattern[str], str]]:
    """Every catalog entry with `{fields}`, as a pattern that matches a filled-in message."""
    import re

    field = re.compile(r"\{(\w+)\}")
    entries = getattr(catalog(lang), "_catalog", {})
    found = []
    for msgid, msgstr in entries.items():
        if not isinstance(msgid, str) or "{" not in msgid or not msgstr:
            continue
        parts = field.split(msgid)
        regex = "".join(re.escape(part) if i % 2 == 0 else f"(?P<{part}>.+?)"
                        for i, part in enumerate(parts))
        found.append((re.compile(regex, re.DOTALL), msgstr))
    # The most specific first: the longest fixed text.
    found.sort(key=lambda entry: -len(field.sub("", entry[0].pattern)))
    return found
