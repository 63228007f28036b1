"""Which column holds which Udpeg field: headers matched by their Danish and English names,
overridden by ``--map FIELD=COLUMN,…`` or a mapping file, and remembered per layout.

A layout is identified by its header signature (the headers in order, compared without case and
surrounding whitespace). Mappings given for a layout are remembered in the user's data folder
(``import-mappings.json`` beside the default registry; ``UDPEG_IMPORT_MAPPINGS`` names another
file), not in the registry: a mapping describes a spreadsheet one user keeps, not the registry's
data, and the same sheet may be imported into several registries.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tomllib
from pathlib import Path

from registry.errors import RegistryError
from registry.i18n import N_, _

#: field → its names as headers (compared without case, spaces and a trailing colon)
FIELDS: dict[str, tuple[str, ...]] = {
    "board": ("bestyrelse", "board", "bestyrelse/udvalg", "udvalg", "organ", "råd", "bestyrelsens navn", "board name"),
    "seat": ("plads", "pladskategori", "pladsgruppe", "seat", "seat group", "seat category", "pladstype"),
    "role": ("rolle", "role", "medlem/suppleant", "funktion"),
    "name": ("navn", "name", "medlem", "member", "person", "fulde navn", "full name"),
    "party": ("parti", "party"),
    "municipality": ("kommune", "municipality", "hjemkommune"),
    "appointed_by": ("udpeget af", "appointed by", "udpegende", "udpegningsberettiget"),
    "nominated_by": ("indstillet af", "nominated by", "indstillende", "indstillende organisation"),
    "start": ("fra", "from", "start", "startdato", "periode fra", "tiltrådt", "start date"),
    "end": ("til", "to", "end", "slut", "slutdato", "periode til", "end date"),
    "deputy_for": ("suppleant for", "deputy for", "stedfortræder for"),
    "sex": ("køn", "sex", "gender"),
    "note": ("note", "bemærkning", "bemærkninger", "notes"),
}
#: each field's name in messages
FIELD_LABELS = {"board": N_("Board"), "seat": N_("Seat group"), "role": N_("Role"), "name": N_("Name"),
                "party": N_("Party"), "municipality": N_("Municipality"), "appointed_by": N_("Appointed by"),
                "nominated_by": N_("Nominated by"), "start": N_("From"), "end": N_("To"),
                "deputy_for": N_("Deputy for"), "sex": N_("Sex"), "note": N_("Note")}
REQUIRED = ("board", "name", "start")


class MappingError(RegistryError):
    exit_code = 2


def norm(header: str) -> str:
    return " ".join(str(header).casefold().replace("_", " ").split()).rstrip(":").strip()


_BY_NAME = {norm(alias): f for f, aliases in FIELDS.items() for alias in aliases}
_BY_NAME.update({f: f for f in FIELDS})


def field_of(word: str) -> str | None:
    """A field named in English (``name``, ``start``) or Danish (``navn``, ``fra``)."""
    return _BY_NAME.get(norm(word))


def auto(header: list[str]) -> dict[str, int]:
    """Field → column index, for the headers whose names are known (the first column wins)."""
    out: dict[str, int] = {}
    for i, h in enumerate(header):
        f = _BY_NAME.get(norm(h)) if h else None
        if f and f not in out:
            out[f] = i
    return out


def looks_like_header(texts: list[str], overrides: dict[str, str] | None = None) -> bool:
    """A header row: it names a board and a name, or three fields (with ``overrides``' columns,
    or the mapping remembered for this layout)."""
    if not any(texts):
        return False
    names = {norm(t) for t in texts if t}
    overrides = {**remembered(texts), **(overrides or {})}
    found = set(auto(texts)) | {f for f, c in overrides.items() if norm(c) in names or _letter(c) is not None}
    return {"board", "name"} <= found or len(found) >= 3


def signature(header: list[str]) -> str:
    return hashlib.sha256("\x1f".join(norm(h) for h in header).encode()).hexdigest()[:16]


def parse_map(text: str) -> dict[str, str]:
    """``--map navn=Medlemmets navn,fra=C``: field → column (a header text or a column letter)."""
    out: dict[str, str] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        if "=" not in part:
            raise MappingError(_("--map: {part} is not FIELD=COLUMN", part=repr(part.strip())))
        k, v = (x.strip() for x in part.split("=", 1))
        f = field_of(k)
        if f is None:
            raise MappingError(_("--map: {field} is not a field (fields: {fields})", field=repr(k), fields=", ".join(FIELDS)))
        out[f] = v
    return out


def read_mapping_file(path: Path) -> dict[str, str]:
    """A TOML file of ``field = "column"`` lines (at the top or under ``[columns]``)."""
    try:
        tree = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MappingError(_("{path}: file not found", path=str(path))) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(_("cannot read the mapping {path}: {problem}", path=str(path), problem=exc)) from None
    tree = tree.get("columns", tree)
    out: dict[str, str] = {}
    for k, v in tree.items():
        f = field_of(k)
        if f is None or not isinstance(v, str):
            raise MappingError(_("{path}: {field} is not a field mapped to a column name (fields: {fields})",
                                 path=str(path), field=repr(k), fields=", ".join(FIELDS)))
        out[f] = v
    return out


def _letter(col: str) -> int | None:
    if re.fullmatch(r"[A-Za-z]{1,2}", col):
        n = 0
        for ch in col.upper():
            n = n * 26 + ord(ch) - 64
        return n - 1
    return None


def resolve(header: list[str], overrides: dict[str, str]) -> dict[str, int]:
    """Field → column index: the headers' own names, then ``overrides`` (header text or letter)."""
    cols = auto(header)
    by_header = {norm(h): i for i, h in reversed(list(enumerate(header))) if h}
    for f, col in overrides.items():
        i = by_header.get(norm(col))
        if i is None:
            i = _letter(col)
            if i is None or i >= len(header):
                raise MappingError(_("the sheet has no column {column} for {field} (its columns: {columns})",
                                     column=repr(col), field=_(FIELD_LABELS[f]), columns=", ".join(h for h in header if h)))
        for other, j in list(cols.items()):   # a column holds one field
            if j == i and other != f:
                del cols[other]
        cols[f] = i
    missing = [f for f in REQUIRED if f not in cols]
    if missing:
        raise MappingError(_("no column for {fields} (the sheet's columns: {columns}); name them with --map FIELD=COLUMN",
                             fields=", ".join(_(FIELD_LABELS[f]) for f in missing),
                             columns=", ".join(h for h in header if h)))
    return cols


# --- remembered mappings ---------------------------------------------------------------------


def store_path() -> Path:
    env = os.environ.get("UDPEG_IMPORT_MAPPINGS")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("udpeg", appauthor=False) / "import-mappings.json"


def remembered(header: list[str]) -> dict[str, str]:
    """The overrides last used for a sheet of this layout (none if never, or unreadable)."""
    try:
        stored = json.loads(store_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    got = stored.get(signature(header), {}) if isinstance(stored, dict) else {}
    return {f: c for f, c in got.get("map", {}).items() if f in FIELDS and isinstance(c, str)} if isinstance(got, dict) else {}


def remember(header: list[str], overrides: dict[str, str]) -> None:
    """Keep ``overrides`` for the next sheet of this layout (best effort: a read-only folder is no error)."""
    if not overrides:
        return
    path = store_path()
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(stored, dict):
            stored = {}
    except (OSError, ValueError):
        stored = {}
    stored[signature(header)] = {"header": header, "map": overrides}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(stored, ensure_ascii=False, indent=1), encoding="utf-8")
    except OSError:
        pass
