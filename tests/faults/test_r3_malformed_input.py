"""R3: at least 1000 generated malformed datasets and option values (hypothesis), run
in-process: each ends with exit 2 and the place of the problem, never a traceback, and nothing
is written. (Inputs that happen to be valid are allowed, and not counted as malformed.)"""

from __future__ import annotations

import copy
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backends import TABLES, tiny_tree

MIN_MALFORMED = 1000
TALLY = {"datasets": 0, "datasets_malformed": 0, "options": 0, "options_malformed": 0, "written_on_error": 0,
         "tracebacks": 0}

# --- a registry to throw things at -------------------------------------------------------------


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    from faultutil import run_child

    base = tmp_path_factory.mktemp("r3")
    template = base / "template.db"
    assert run_child("--db", template, "init", "--empty").returncode == 0
    tree = _base_tree()
    (base / "base.json").write_text(json.dumps(tree), encoding="utf-8")
    r = run_child("--db", template, "load", base / "base.json")
    assert r.returncode == 0, r.stderr
    live = base / "live.db"
    shutil.copy(template, live)
    return {"dir": base, "template": template, "live": live, "counts": _counts(live)}


def _counts(db: Path) -> dict:
    con = sqlite3.connect(db)
    try:
        c = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
        c["versions"] = con.execute("SELECT coalesce(sum(version), 0) FROM appointment").fetchone()[0] + \
            con.execute("SELECT coalesce(sum(version), 0) FROM nomination").fetchone()[0]
        return c
    finally:
        con.close()


def _reset(target) -> None:
    for suffix in ("-wal", "-shm"):
        Path(str(target["live"]) + suffix).unlink(missing_ok=True)
    shutil.copy(target["template"], target["live"])


def _base_tree() -> dict:
    """The registry the malformed inputs are thrown at (loaded once into the template)."""
    t = tiny_tree(boards=2, people=3)
    t["meetings"] = [{"id": "kkr-1", "body": "kkr-nordjylland", "date": "2026-03-27"}]
    t["council_groups"] = [{"id": "g1", "name": "Gruppe", "kkr": "nordjylland", "period_start": "2026-04-01",
                            "period_end": "2030-03-31", "parties": ["A"], "members": 9}]
    t["appointments"] = [{"id": "a1", "board": "b0", "seat": "member", "person": "p1", "start": "2026-05-01",
                          "end": "2030-03-31", "decision": {"meeting": "kkr-1", "item": "4.1"}}]
    t["allocations"] = [{"id": "al1", "board": "b1", "seat": "member", "council_group": "g1", "start": "2026-04-01"}]
    t["people"][1]["offices"] = [{"office": "council-member", "body": "aalborg", "start": "2022-01-01"}]
    return t


def _renamed(tree: dict) -> dict:
    """The base with fresh ids: a valid dataset that loads on top of the target as it stands, so
    every error in a mutated copy is the mutation's (or an honest clash with the registry)."""
    text = json.dumps(tree)
    for old, new in (('"p0"', '"q0"'), ('"p1"', '"q1"'), ('"p2"', '"q2"'), ('"b0"', '"c0"'), ('"b1"', '"c1"'),
                     ('"n0"', '"m0"'), ('"n1"', '"m1"'), ('"a1"', '"z1"'), ('"al1"', '"zl1"'), ('"kkr-1"', '"kkr-2"'),
                     ('"g1"', '"h1"')):
        text = text.replace(old, new)
    t = json.loads(text)
    for k in ("municipalities", "organisations"):
        t.pop(k)
    return t


BASE = _renamed(_base_tree())


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _paths(v, prefix + (i,))


PATHS = [p for p in _paths(BASE) if p]

JUNK = st.one_of(
    st.none(), st.booleans(), st.integers(-10**15, 10**15), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=4), st.integers(), max_size=2),
    st.sampled_from(["2026-13-01", "2026-02-30", "", " ", "01-01-2026", "9999-99-99", "-1", "unknown-id", "p0", "b0",
                     "Robert'); DROP TABLE person;--", "[b]bold[/]", "=cmd|' /C calc'!A0", "\u0000", "x" * 300,
                     "woman", "deputy", "member", "kkr", "dk-ligelig", "none"]),
)


def _set(tree, path, value):
    node = tree
    for k in path[:-1]:
        node = node[k]
    node[path[-1]] = value


def _delete(tree, path):
    node = tree
    for k in path[:-1]:
        node = node[k]
    del node[path[-1]]


@st.composite
def malformed_tree(draw):
    tree = copy.deepcopy(BASE)
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(tree) if p]
        path = draw(st.sampled_from(paths))
        kind = draw(st.sampled_from(["replace", "replace", "delete", "add", "duplicate", "dangling"]))
        try:
            if kind == "replace":
                _set(tree, path, draw(JUNK))
            elif kind == "delete":
                _delete(tree, path)
            elif kind == "add":
                parent = tree
                for k in path[:-1]:
                    parent = parent[k]
                if isinstance(parent, dict):
                    parent[draw(st.text(min_size=1, max_size=8))] = draw(JUNK)
                else:
                    parent.append(draw(JUNK))
            elif kind == "duplicate":
                section = draw(st.sampled_from(["people", "boards", "appointments", "nominations", "meetings"]))
                if tree.get(section):
                    tree[section].append(copy.deepcopy(tree[section][0]))
            elif kind == "dangling":
                field = draw(st.sampled_from([("appointments", 0, "person"), ("appointments", 0, "board"),
                                              ("nominations", 0, "board"), ("nominations", 0, "candidates"),
                                              ("allocations", 0, "council_group"), ("people", 0, "municipality"),
                                              ("appointments", 0, "decision", "meeting")]))
                _set(tree, field, ["nobody"] if field[-1] == "candidates" else "nobody")
        except (KeyError, IndexError, TypeError):
            pass
    return tree


@st.composite
def malformed_file(draw):
    """(suffix, bytes): a mutated tree as JSON or TOML, or a broken file."""
    kind = draw(st.sampled_from(["json", "json", "json", "toml", "broken"]))
    if kind == "broken":
        text = json.dumps(BASE)
        choice = draw(st.sampled_from(["truncate", "garbage", "bytes", "toml-syntax", "empty", "list", "format",
                                       "suffix"]))
        if choice == "truncate":
            return ".json", text[: draw(st.integers(0, len(text) - 1))].encode()
        if choice == "garbage":
            return draw(st.sampled_from([".json", ".toml"])), draw(st.text(max_size=200)).encode("utf-8", "surrogatepass")
        if choice == "bytes":
            return draw(st.sampled_from([".json", ".toml"])), b"\xff\xfe" + draw(st.binary(max_size=100))
        if choice == "toml-syntax":
            return ".toml", b'format = "udpeg/1"\n[[people]]\nid = \n'
        if choice == "empty":
            return draw(st.sampled_from([".json", ".toml"])), b""
        if choice == "list":
            return ".json", b"[1, 2, 3]"
        if choice == "format":
            t = copy.deepcopy(BASE)
            t["format"] = draw(st.sampled_from(["udpeg/2", "", "popolo", None]))
            return ".json", json.dumps(t).encode()
        return draw(st.sampled_from([".yaml", ".csv", ".txt", ""])), text.encode()
    tree = draw(malformed_tree())
    if kind == "toml":
        import tomli_w

        try:
            return ".toml", tomli_w.dumps(_toml_safe(tree)).encode()
        except Exception:  # noqa: BLE001 - TOML cannot hold it: write it as JSON
            pass
    return ".json", json.dumps(tree, default=str).encode("utf-8", "surrogatepass")


def _toml_safe(v):
    if isinstance(v, dict):
        return {str(k): _toml_safe(x) for k, x in v.items() if x is not None}
    if isinstance(v, list):
        return [_toml_safe(x) for x in v if x is not None]
    return v


SETTINGS = settings(max_examples=600, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                           HealthCheck.filter_too_much, HealthCheck.data_too_large])


def _readable(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable())


def _check(target, r, places: list[str], kind: str) -> None:
    TALLY[kind] += 1
    assert "Traceback" not in r.err + r.out, r.err
    assert r.code in (0, 1, 2, 3), f"exit {r.code}: {r.err}"
    if "internal error" in r.err:
        TALLY["tracebacks"] += 1
        pytest.fail(r.err)
    now = _counts(target["live"])
    if r.code == 2:
        TALLY[kind + "_malformed"] += 1
        if now != target["counts"]:
            TALLY["written_on_error"] += 1
            pytest.fail(f"exit 2 but the registry changed: {now} vs {target['counts']}\n{r.err}")
        assert r.err.strip(), "exit 2 without a message"
        # compare what a person can read: control and unassigned characters dropped on both sides
        shown = _readable(r.err)
        wanted = [_readable(p).strip() for p in places] + [repr(p)[1:-1] for p in places]
        blank = any(not _readable(p).strip() for p in places)  # nothing to point at: the message must do
        assert blank or any(w and (w in shown or w in r.err) for w in wanted), \
            f"the message does not say where: {places!r}\n{r.err}"
    elif now != target["counts"]:
        _reset(target)


def test_malformed_datasets_exit_2_with_the_place_and_write_nothing(target, udpeg):
    before = dict(TALLY)

    @SETTINGS
    @given(case=malformed_file())
    def one(case):
        suffix, data = case
        path = target["dir"] / f"case{suffix}"
        path.write_bytes(data)
        r = udpeg("load", str(path), db=target["live"])
        _check(target, r, [str(path), "case"], "datasets")

    one()
    _enough(before, "datasets")


TEXT = st.one_of(st.text(max_size=15).filter(lambda s: "\x00" not in s),
                 st.sampled_from(["2026-02-30", "31-31-2026", "tomorrow", "-5", "0", "99999999999", "2026-04-01",
                                  "json", "xml", "b0", "member", "p1", "a1", "none", "--help"]))


@st.composite
def command(draw):
    t = lambda: draw(TEXT)  # noqa: E731
    v = t()
    choices = [
        (["boards", "--on", v], ["--on", v]),
        (["audit", "--since", v], ["--since", v]),
        (["audit", "--limit", v], ["--limit", v]),
        (["purge", "--before", v], ["--before", v]),
        (["export", "--format", v], ["--format", v]),
        (["people", "--limit", v], ["--limit", v]),
        (["person", v, "--export"], [v, "ID"]),
        (["appoint", "--board", v, "--seat", "member", "--person", "p1", "--start", "2026-05-01"], [v, "--board"]),
        (["appoint", "--board", "b1", "--seat", v, "--person", "p1"], [v, "--seat"]),
        (["appoint", "--board", "b1", "--seat", "member", "--person", v, "--start", "2026-05-01"], [v, "--person"]),
        (["appoint", "--board", "b1", "--seat", "member", "--person", "p2", "--start", v], [v, "--start"]),
        (["end", v, "--date", "2026-06-01", "--reason", "resigned"], [v]),
        (["end", "a1", "--date", v, "--reason", "resigned"], [v, "--date"]),
        (["end", "a1", "--date", "2026-06-01", "--reason", v], [v, "--reason", "reason"]),
        (["restore", v], [v, "FILE"]),
        (["db", "grant", "--reader", v], ["PostgreSQL"]),
        (["load", v], [v, "FILE"]),
        (["--lang", v, "boards"], ["--lang", v]),
        (["db", v], [v]),
        ([v], [v]),
    ]
    return draw(st.sampled_from(choices))


def test_malformed_options_exit_2_with_the_place_and_write_nothing(target, udpeg):
    before = dict(TALLY)

    @SETTINGS
    @given(case=command())
    def one(case):
        args, places = case
        r = udpeg(*args, db=target["live"])
        _check(target, r, places + [p.strip() for p in places], "options")

    one()
    _enough(before, "options")


def _enough(before: dict, kind: str) -> None:
    """The R3 count of this test's own run (no module tally across tests, no file order): each
    test tries at least half of MIN_MALFORMED malformed inputs, so the two reach it together."""
    tried = {k: TALLY[k] - before[k] for k in TALLY}
    print(f"\nR3 {kind}: {tried}")
    assert tried[kind + "_malformed"] >= MIN_MALFORMED // 2, tried
    assert tried["written_on_error"] == 0 and tried["tracebacks"] == 0, tried
