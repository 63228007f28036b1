"""Where the sample registry (KKR Nordjylland, from the 2022 minutes and the 2026 agenda) lives."""

from __future__ import annotations

from pathlib import Path

SAMPLE_NAME = "kkr-nordjylland.toml"


def sample_path() -> Path:
    """The sample dataset: inside the wheel (``registry/_data``) or beside the source tree (``data/``)."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / SAMPLE_NAME, here.parent / "data" / SAMPLE_NAME):
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"The sample dataset {SAMPLE_NAME} is missing from this installation.")


def load_sample(engine) -> None:  # noqa: ANN001
    from registry import service

    service.load(service.Context(engine, actor="udpeg (sample)"), [sample_path()], source=f"sample {SAMPLE_NAME}")


def open_registry(url: str, *, create: bool = False, sample: bool = True):  # noqa: ANN201 - an Engine
    """:func:`registry.db.open_registry`, a registry it creates filled with the sample unless
    ``sample`` is false (``udpeg init``, the first run of the default registry)."""
    from registry import db

    return db.open_registry(url, create=create, fill=load_sample if sample else None)
