"""Backend-parametrised fixtures: every test here runs on a SQLite file and on PostgreSQL
(a fresh database per test, dropped after it; skipped without a server, failed in CI)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from backends import BACKENDS, drop_reg, make_reg, pg_drop_all, require_pg, tiny_tree, write_tree  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def _drop_test_databases():
    yield
    pg_drop_all()


@pytest.fixture(params=[pytest.param(b, marks=[pytest.mark.postgres] if b == "postgresql" else []) for b in BACKENDS],
                ids=list(BACKENDS))
def backend(request) -> str:
    if request.param == "postgresql":
        require_pg()
    return request.param


@pytest.fixture
def make_registry(backend, tmp_path, udpeg):
    """make_registry(sample=True, dataset=None) -> Reg, on the test's backend; dropped after."""
    made = []

    def make(sample: bool = True, dataset: Path | None = None, tree: dict | None = None):
        if tree is not None:
            dataset = write_tree(tree, tmp_path / f"dataset-{len(made)}.json")
        reg = make_reg(backend, tmp_path, udpeg, sample=sample, dataset=dataset)
        made.append(reg)
        return reg

    yield make
    for reg in made:
        drop_reg(reg)


@pytest.fixture
def sample_reg(make_registry):
    """The sample registry on the test's backend."""
    return make_registry(sample=True)


@pytest.fixture
def tiny_reg(make_registry):
    """A registry with one board of one seat, four people and one nomination naming them all."""
    return make_registry(sample=False, tree=tiny_tree())


@pytest.fixture
def sqlite_only(backend):
    """Put first in a test's arguments: skips the PostgreSQL run before any database is made."""
    if backend != "sqlite":
        pytest.skip("SQLite files only")


@pytest.fixture
def postgres_only(backend):
    if backend != "postgresql":
        pytest.skip("PostgreSQL only")
