"""Write ``registry/tables.py``: the registry's tables as plain SQLAlchemy Core, for reading.

``registry.model`` (SQLModel) is the one definition of the schema. Importing it costs SQLModel,
pydantic and a class per table (~0.17 s), which the read paths — a registry-wide ``check``, the
UI's first page of boards — do not need: they select columns and never build model objects. So
``registry/tables.py`` mirrors the model's tables (names, column types, keys, nullability, plain defaults) in
Core, generated from the model by this script and checked against it by
``tests/test_tables.py``. Tables with a column type beyond Core's (``audit_event.at``, a
SQLModel ``UTCDateTime``) are left out: read them through ``registry.model``.

    python -m registry.tables_gen          # rewrite registry/tables.py after changing the model
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

TARGET = Path(__file__).with_name("tables.py")

#: Core types the mirror may use; a string subclass (SQLModel's AutoString) is written as String.
_TYPES = (sa.Boolean, sa.Date, sa.Float, sa.Integer, sa.JSON, sa.String)


def _type(t) -> str | None:
    if type(t).__name__ == "AutoString":       # SQLModel's str: a String that sizes itself on DDL
        return "String()"
    return next((f"{core.__name__}()" for core in _TYPES if type(t) is core), None)


def render() -> str:
    from registry import model

    lines = [
        '"""The registry\'s tables in SQLAlchemy Core, for reading without SQLModel (generated: do not edit).',
        "",
        "Written by ``python -m registry.tables_gen`` from ``registry.model``, which stays the one",
        "definition of the schema; ``tests/test_tables.py`` fails when the two differ.",
        '"""',
        "",
        "from sqlalchemy import JSON, Boolean, Column, Date, Float, Integer, MetaData, String, Table",
        "",
        "metadata = MetaData()",
    ]
    skipped = []
    for table in sorted(model.metadata.tables.values(), key=lambda t: t.name):
        cols = []
        for c in table.columns:
            typ = _type(c.type)
            if typ is None:
                break
            opts = ", primary_key=True" if c.primary_key else ""
            opts += "" if c.nullable or c.primary_key else ", nullable=False"
            if c.default is not None and c.default.is_scalar and type(c.default.arg) in (str, int, float, bool):
                opts += f", default={c.default.arg!r}"
            cols.append(f'    Column("{c.name}", {typ}{opts}),')
        else:
            lines += ["", f'{table.name} = Table(', f'    "{table.name}", metadata,', *cols, ")"]
            continue
        skipped.append(table.name)
    if skipped:
        lines += ["", "# left out (a column type beyond Core; read through registry.model): " + ", ".join(skipped)]
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET}")


if __name__ == "__main__":
    main()
