"""The translation layer: English message ids, Danish catalogues.

Text for people is written in English in the code and marked ``_("…")``; the Danish text lives
in ``catalogs/da/*.toml`` (one file per area, so the areas can be edited apart), keyed by the
English text. Placeholders use ``str.format`` names: ``_("Board {board} not found", board=x)``.

The language follows ``--lang``, then ``UDPEG_LANG``, then the locale (``LANG=da_DK.UTF-8``
gives Danish), else English. A test fails if a marked string has no Danish translation.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

LANGUAGES = ("da", "en")
_state = {"lang": "en"}
_catalogs: dict[str, dict[str, str]] = {}


def detect_language(environ: dict[str, str] | None = None) -> str:
    env = os.environ if environ is None else environ
    explicit = env.get("UDPEG_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = env.get(var, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    return "en"


def set_language(lang: str | None) -> str:
    _state["lang"] = lang if lang in LANGUAGES else detect_language()
    return _state["lang"]


def get_language() -> str:
    return _state["lang"]


def catalog(lang: str) -> dict[str, str]:
    """All translations for ``lang`` (loaded once, merged from every area file)."""
    if lang not in _catalogs:
        merged: dict[str, str] = {}
        folder = Path(__file__).parent / "catalogs" / lang
        if folder.is_dir():
            for f in sorted(folder.glob("*.toml")):
                with f.open("rb") as fh:
                    merged.update(tomllib.load(fh))
        _catalogs[lang] = merged
    return _catalogs[lang]


class Msgid(str):
    """A message id used as a parameter (e.g. a holder shown as "not recorded"): translated into
    the language of the text it is filled into, when that text is translated."""

    __slots__ = ()


def translate(msgid: str, lang: str | None = None, /, **params: object) -> str:
    lang = lang or _state["lang"]
    text = msgid if lang == "en" else catalog(lang).get(msgid, msgid)
    if not params:
        return text
    if lang != "en" and any(type(v) is Msgid for v in params.values()):
        params = {k: translate(v, lang) if type(v) is Msgid else v for k, v in params.items()}
    return text.format(**params)


def _(msgid: str, /, **params: object) -> str:
    """Translate ``msgid`` into the current language and fill in ``params``."""
    return translate(msgid, None, **params)


def _n(singular: str, plural: str, n: int, /, **params: object) -> str:
    """The singular or plural text for ``n`` (both forms are msgids with their own translation)."""
    return translate(singular if n == 1 else plural, None, **params)


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it now (translate it where shown)."""
    return msgid
