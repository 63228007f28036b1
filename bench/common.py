"""What every benchmark target shares: the registries under test, timing, and the result line.

A target is a module with ``ID``, ``TITLE``, ``TARGET`` (the highest ratio that passes) and
``run(env) -> Result``. Every figure is a median over ``env.reps`` repetitions and is compared
with a floor measured in the same run, so a slow or noisy machine moves both.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
#: the date the synthetic registries are judged on (their planted flaws show on it)
AS_OF = "2026-11-01"


class NotAvailable(Exception):
    """The feature a target measures has not landed (yet): the target prints n/a with the reason."""


@dataclass
class Result:
    id: str
    title: str
    target: float
    figure: float | None = None
    floor: float | None = None
    unit: str = "s"
    figure_label: str = ""
    floor_label: str = ""
    note: str = ""
    samples: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        if self.figure is None or not self.floor:
            return None
        return self.figure / self.floor

    @property
    def status(self) -> str:
        if self.ratio is None:
            return "n/a"
        return "pass" if self.ratio <= self.target else "FAIL"

    def line(self) -> str:
        if self.ratio is None:
            return f"{self.id:<3} {self.title:<52} n/a ({self.note or 'not measured'})"
        fmt = _fmt(self.unit)
        note = f"  [{self.note}]" if self.note else ""
        return (f"{self.id:<3} {self.title:<52} figure {fmt(self.figure):>9}  floor {fmt(self.floor):>9}  "
                f"ratio {self.ratio:6.2f}×  target ≤{self.target:g}×  {self.status}{note}")

    def to_dict(self) -> dict:
        d = asdict(self)
        d["ratio"] = self.ratio
        d["status"] = self.status
        return d


def _fmt(unit: str) -> Callable[[float | None], str]:
    if unit == "MiB":
        return lambda v: "-" if v is None else f"{v:.1f} MiB"
    return lambda v: "-" if v is None else (f"{v * 1000:.1f} ms" if v < 1 else f"{v:.2f} s")


@dataclass
class Env:
    """The registries and tools the targets use; built once per run (and cached on disk)."""

    quick: bool
    reps: int
    cache: Path
    seed: int
    python: str
    udpeg: list[str]
    sqlite3: str | None
    sizes: dict[str, int]
    years: int
    log: Callable[[str], None]
    _built: dict[str, dict[str, Path]] = field(default_factory=dict)
    _measured: dict[str, list[float]] = field(default_factory=dict)

    # -- the registries -------------------------------------------------------------------

    def key(self) -> str:
        """Cache key: seed, sizes, schema head and the generator's source."""
        from registry.db import HEAD

        src = (ROOT / "registry" / "synth.py").read_bytes()
        h = hashlib.sha256(src).hexdigest()[:10]
        return f"seed{self.seed}-y{self.years}-schema{HEAD}-synth{h}"

    def registry(self, name: str) -> dict[str, Path]:
        """``{"json": …, "db": …}`` for ``sample`` or a synthetic size (built on first use)."""
        if name in self._built:
            return self._built[name]
        folder = self.cache / self.key()
        folder.mkdir(parents=True, exist_ok=True)
        db = folder / f"{name}.db"
        out = {"db": db}
        env = self.udpeg_env()
        if name == "sample":
            if not db.exists():
                self.log("building the sample registry")
                self.udpeg_run(["--db", str(db), "init"], env=env)
        else:
            boards = self.sizes[name]
            data = folder / f"{name}.json"
            out["json"] = data
            if not data.exists():
                self.log(f"generating {name} ({boards} boards)…")
                self.udpeg_run(["synth", "--boards", str(boards), "--years", str(self.years), "--seed",
                                str(self.seed), "-o", str(data)], env=env)
            if not db.exists():
                self.log(f"loading {name} into SQLite…")
                part = db.with_name(db.name + ".part")
                for p in (part, Path(str(part) + "-wal"), Path(str(part) + "-shm")):
                    p.unlink(missing_ok=True)
                self.udpeg_run(["--db", str(part), "init", "--empty"], env=env)
                self.udpeg_run(["--db", str(part), "load", str(data)], env=env)
                part.rename(db)
        self._built[name] = out
        return out

    def udpeg_env(self) -> dict[str, str]:
        env = dict(os.environ)
        env["UDPEG_TODAY"] = AS_OF
        env.setdefault("UDPEG_LANG", "en")
        env.pop("UDPEG_DB", None)
        return env

    def udpeg_run(self, args: Sequence[str], env: dict | None = None, ok: Sequence[int] = (0,)) -> subprocess.CompletedProcess:
        p = subprocess.run([*self.udpeg, *args], env=env or self.udpeg_env(), capture_output=True, text=True)
        if p.returncode not in ok:
            raise RuntimeError(f"udpeg {' '.join(args)} exited {p.returncode}: {p.stderr.strip()[-800:]}")
        return p

    # -- timing ---------------------------------------------------------------------------

    def time_process(self, label: str, argv: Sequence[str], *, env: dict | None = None, stdin: Path | None = None,
                     ok: Sequence[int] = (0,), before: Callable[[], None] | None = None,
                     reps: int | None = None) -> float:
        """Median wall time of a whole process (output discarded); ``before`` runs untimed each time."""
        samples = []
        for _ in range(reps or self.reps):
            if before:
                before()
            fin = open(stdin, "rb") if stdin else subprocess.DEVNULL
            try:
                t0 = time.perf_counter()
                p = subprocess.run(list(argv), env=env, stdin=fin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                dt = time.perf_counter() - t0
            finally:
                if stdin:
                    fin.close()
            if p.returncode not in ok:
                raise RuntimeError(f"{label}: {' '.join(map(str, argv))} exited {p.returncode}: "
                                   f"{p.stderr.decode(errors='replace').strip()[-800:]}")
            samples.append(dt)
        self._measured[label] = samples
        return statistics.median(samples)

    def time_call(self, label: str, fn: Callable[[], object], reps: int | None = None, warmup: int = 1) -> float:
        """Median time of an in-process call (after ``warmup`` untimed calls)."""
        for _ in range(warmup):
            fn()
        samples = []
        for _ in range(reps or self.reps):
            t0 = time.perf_counter()
            fn()
            samples.append(time.perf_counter() - t0)
        self._measured[label] = samples
        return statistics.median(samples)

    def time_calls_interleaved(self, labels: Sequence[str], fns: Sequence[Callable[[], object]],
                               reps: int | None = None, warmup: int = 2) -> list[float]:
        """Medians of in-process calls timed in turn, so a change of machine load hits all alike."""
        for _ in range(warmup):
            for fn in fns:
                fn()
        samples: list[list[float]] = [[] for _ in fns]
        for _ in range(reps or self.reps):
            for k, fn in enumerate(fns):
                t0 = time.perf_counter()
                fn()
                samples[k].append(time.perf_counter() - t0)
        for label, got in zip(labels, samples):
            self._measured[label] = got
        return [statistics.median(got) for got in samples]

    def samples(self, *labels: str) -> dict[str, list[float]]:
        return {k: [round(x, 6) for x in self._measured.get(k, [])] for k in labels}


def find_udpeg(python: str) -> list[str]:
    exe = Path(python).with_name("udpeg")
    if exe.exists():
        return [str(exe)]
    found = shutil.which("udpeg")
    if found:
        return [found]
    return [python, "-c", "import sys; from tui.launch import main; sys.exit(main())"]   # the udpeg entry point


def write_json(path: Path, results: list[Result], meta: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"meta": meta, "results": [r.to_dict() for r in results]}, indent=2,
                               ensure_ascii=False, default=str) + "\n", encoding="utf-8")


def machine() -> dict:
    import platform

    return {"python": sys.version.split()[0], "platform": platform.platform(), "cpus": os.cpu_count(),
            "when": time.strftime("%Y-%m-%d %H:%M:%S %Z")}
