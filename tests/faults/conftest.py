"""Fault tests (quality.md R1–R5): the backend fixtures of tests/db, plus helpers to run
``udpeg`` as a separate process live in faultutil.py (a unique module name: every test folder has a conftest)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path


DB_TESTS = Path(__file__).resolve().parents[1] / "db"
sys.path.insert(0, str(DB_TESTS))
sys.path.insert(0, str(Path(__file__).parent))

_spec = importlib.util.spec_from_file_location("udpeg_tests_db_conftest", DB_TESTS / "conftest.py")
_db = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_db)
_drop_test_databases = _db._drop_test_databases
backend = _db.backend
make_registry = _db.make_registry
sqlite_only = _db.sqlite_only
postgres_only = _db.postgres_only
