"""The translation layer: gettext catalogues with English message ids, Babel for dates and numbers.

Text for people is written in English in the code and marked ``_("…")``; a number that meets a
noun is marked ``_n("{n} board", "{n} boards", n, n=n)`` (ngettext: the form follows ``n`` in
each language's plural rule). Placeholders use ``str.format`` names: ``_("Board {board} not
found", board=x)``. ``N_`` and ``N_n`` mark texts that are translated later, where they are shown
(a finding's message).

The Danish texts live in ``locale/da/LC_MESSAGES/udpeg.po`` (gettext's format, edited with any PO
editor; ``python -m registry.i18n.toml2po`` merges texts still written in the old TOML files). The
``.po`` is compiled to ``.mo`` when the wheel is built (``hatch_build.py``), else on first use into
the user's cache (Babel's library, not its command line); nothing is read until a Danish text is
needed, so ``udpeg --version`` and English runs never load a catalogue (quality.md P8).

The language follows ``--lang``, then ``UDPEG_LANG``, then the locale (``LANG=da_DK.UTF-8``
gives Danish), else English. Tests fail if a marked string has no Danish translation.
"""

from __future__ import annotations

import os
from pathlib import Path

LANGUAGES = ("da", "en")
DOMAIN = "udpeg"
LOCALE_DIR = Path(__file__).parent / "locale"
#: Babel's locale for each language (dates and numbers).
BABEL_LOCALES = {"da": "da_DK", "en": "en_GB"}
_state = {"lang": "en"}
_translations: dict[str, object] = {}


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


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _cache_dir() -> Path:
    explicit = os.environ.get("UDPEG_CACHE_DIR")
    if explicit:
        return Path(explicit)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("udpeg", appauthor=False))


def po_digest(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:20]


def compile_po(po: Path) -> bytes:
    """The ``.mo`` bytes for ``po``, stamped with the ``.po``'s digest (the text of
    ``pgettext("udpeg", "po-digest")``) so a stale ``.mo`` is never used. Babel's reader and writer; fuzzy
    entries are kept (the completeness test refuses them)."""
    import io

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    data = po.read_bytes()
    cat = read_po(io.BytesIO(data))
    cat.add("po-digest", po_digest(data), context="udpeg")
    out = io.BytesIO()
    write_mo(out, cat, use_fuzzy=True)
    return out.getvalue()


def _load_mo(source, digest: str):
    """GNUTranslations from a ``.mo`` path or bytes, or None when it was not compiled from the
    ``.po`` with ``digest``."""
    import gettext
    import io

    try:
        if isinstance(source, bytes):
            t = gettext.GNUTranslations(io.BytesIO(source))
        else:
            with source.open("rb") as fh:
                t = gettext.GNUTranslations(fh)
    except (OSError, ValueError):
        return None
    return t if t.pgettext("udpeg", "po-digest") == digest else None


def load_translations(lang: str):
    """The compiled catalogue for ``lang``: the ``.mo`` beside the ``.po`` (a built wheel ships
    it), else one compiled on first use into the cache (named by the ``.po``'s digest), else —
    with no writable cache — compiled in memory. Any of them only if made from this ``.po``."""
    po = po_path(lang)
    if not po.exists():
        return None
    digest = po_digest(po.read_bytes())
    beside = po.with_suffix(".mo")
    t = _load_mo(beside, digest) if beside.exists() else None
    if t is not None:
        return t
    try:
        cached = _cache_dir() / "locale" / f"{lang}-{DOMAIN}-{digest}.mo"
        t = _load_mo(cached, digest) if cached.exists() else None
        if t is not None:
            return t
        data = compile_po(po)
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, cached)
    except OSError:
        data = compile_po(po)
    return _load_mo(data, digest)


def translations(lang: str):
    """The gettext translations for ``lang`` (loaded once, on first use)."""
    t = _translations.get(lang)
    if t is None:
        import gettext

        t = (load_translations(lang) if lang != "en" else None) or gettext.NullTranslations()
        _translations[lang] = t
    return t


def catalog(lang: str) -> dict[str, str]:
    """The singular texts of ``lang`` (msgid -> msgstr), for tests and tools."""
    raw = getattr(translations(lang), "_catalog", {})
    return {k: v for k, v in raw.items() if isinstance(k, str) and k and "\x04" not in k}


def plural_catalog(lang: str) -> dict[str, list[str]]:
    """The plural texts of ``lang`` (singular msgid -> every form), for tests and tools."""
    out: dict[str, list[str]] = {}
    for k, v in getattr(translations(lang), "_catalog", {}).items():
        if isinstance(k, tuple):
            out.setdefault(k[0], []).append((k[1], v))
    return {k: [s for _i, s in sorted(forms)] for k, forms in out.items()}


class Msgid(str):
    """A message id used as a parameter (e.g. a holder shown as "not recorded"): translated into
    the language of the text it is filled into, when that text is translated."""

    __slots__ = ()


class Plural(str):
    """A deferred plural text (``N_n``): the singular id, the plural id, and the name of the
    parameter whose number chooses the form. ``translate`` chooses the form when it is shown."""

    def __new__(cls, singular: str, plural: str, count: str = "n"):
        obj = super().__new__(cls, singular)
        obj.plural, obj.count = plural, count
        return obj

    def __reduce__(self):
        return (Plural, (str(self), self.plural, self.count))

    def bind(self, n: int) -> "Counted":
        """This text for the number ``n`` (its placeholder is ``{n}``), as a parameter."""
        return Counted(str(self), self.plural, n)


class Counted(str):
    """A number with its noun (``N_n("{n} woman", "{n} women").bind(2)``) used as a parameter:
    the English text as a string, put into the language of the text it is filled into — so one
    sentence can hold two numbers, each with its own plural ("2 women and 1 man")."""

    def __new__(cls, singular: str, plural: str, n: int):
        obj = super().__new__(cls, (singular if n == 1 else plural).format(n=n))
        obj.singular, obj.plural, obj.n = singular, plural, n
        return obj

    def __reduce__(self):
        return (Counted, (self.singular, self.plural, self.n))

    def text(self, lang: str | None = None) -> str:
        return ntranslate(self.singular, self.plural, self.n, lang, n=self.n)


class Listed(str):
    """Names joined as a sentence joins them ("FH and AC", "A, B and C") used as a parameter:
    the English text as a string, joined in the language of the text it is filled into ("FH og
    AC")."""

    def __new__(cls, names):
        names = tuple(names)
        obj = super().__new__(cls, _join(names, "en"))
        obj.names = names
        return obj

    def __reduce__(self):
        return (Listed, (self.names,))

    def text(self, lang: str | None = None) -> str:
        return _join(self.names, lang)


def _join(names: tuple[str, ...], lang: str | None) -> str:
    if len(names) < 2:
        return "".join(names)
    return translate("{names} and {last}", lang, names=", ".join(names[:-1]), last=names[-1])


def _fill(text: str, lang: str, params: dict) -> str:
    if not params:
        return text
    if lang != "en" and any(type(v) in (Msgid, Counted, Listed) for v in params.values()):
        params = {k: translate(v, lang) if type(v) is Msgid else v.text(lang) if type(v) in (Counted, Listed) else v
                  for k, v in params.items()}
    return text.format(**{k: shown(v) if type(v) is str else v for k, v in params.items()})


def shown(value: str) -> str:
    """A value filled into a message, with control characters (a tab, a newline, an escape) written
    as escapes, so what the user typed can be recognised and cannot rewrite the terminal."""
    if value.isprintable():
        return value
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in value)


def translate(msgid: str, lang: str | None = None, /, **params: object) -> str:
    lang = lang or _state["lang"]
    if type(msgid) is Plural:
        return ntranslate(str(msgid), msgid.plural, params[msgid.count], lang, **params)
    text = msgid if lang == "en" else translations(lang).gettext(msgid)
    return _fill(text, lang, params)


def ntranslate(singular: str, plural: str, n: int, lang: str | None = None, /, **params: object) -> str:
    lang = lang or _state["lang"]
    text = (singular if n == 1 else plural) if lang == "en" else translations(lang).ngettext(singular, plural, n)
    return _fill(text, lang, params)


def _(msgid: str, /, **params: object) -> str:
    """Translate ``msgid`` into the current language and fill in ``params``."""
    return translate(msgid, None, **params)


def _n(singular: str, plural: str, n: int, /, **params: object) -> str:
    """The form of ``singular``/``plural`` for the number ``n`` in the current language, filled."""
    return ntranslate(singular, plural, n, None, **params)


def N_(msgid: str) -> str:
    """Mark a string for translation without translating it now (translate it where shown)."""
    return msgid


def N_n(singular: str, plural: str, count: str = "n") -> Plural:
    """Mark a plural text for later: the form follows the parameter ``count`` when shown."""
    return Plural(singular, plural, count)


def babel_locale(lang: str | None = None) -> str:
    return BABEL_LOCALES.get(lang or _state["lang"], "en_GB")


def format_number(value, lang: str | None = None) -> str:
    """A number for people: Danish 48.213 and 1.234,5, English 48,213 and 1,234.5 (Babel's CLDR
    data; a whole number below 1000 is written the same in both, without loading it)."""
    if type(value) is int and -1000 < value < 1000:
        return str(value)
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(lang))


#: The short date for people (domain.md: dd-mm-yyyy in Danish, ISO yyyy-mm-dd in English and in
#: files), as CLDR patterns for Babel.
DATE_PATTERNS = {"da": "dd-MM-yyyy", "en": "yyyy-MM-dd"}


def format_day(d, lang: str | None = None) -> str:
    """A date for people: Danish 27-03-2026, English 2026-03-27 (Babel's format_date, da_DK)."""
    from babel.dates import format_date

    lang = lang or _state["lang"]
    return format_date(d, DATE_PATTERNS.get(lang, DATE_PATTERNS["en"]), locale=babel_locale(lang))


def format_date_long(d, lang: str | None = None) -> str:
    """A date in words: Danish "27. marts 2026", English "27 March 2026" (Babel's long format)."""
    from babel.dates import format_date

    return format_date(d, format="long", locale=babel_locale(lang))
