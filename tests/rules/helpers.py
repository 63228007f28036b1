"""Small assertions shared by the rule tests."""

from __future__ import annotations

from registry.findings import Finding


def of(findings: list[Finding], rule: str, **where) -> list[Finding]:
    """The findings of ``rule`` whose attributes (or details keys) match ``where``."""
    out = []
    for f in findings:
        if f.rule != rule:
            continue
        ok = True
        for k, v in where.items():
            got = getattr(f, k) if hasattr(f, k) else f.details.get(k)
            if got != v:
                ok = False
                break
        if ok:
            out.append(f)
    return out


def one(findings: list[Finding], rule: str, **where) -> Finding:
    hits = of(findings, rule, **where)
    assert len(hits) == 1, f"expected one {rule} {where}, got {[(f.rule, dict(f.details)) for f in findings]}"
    return hits[0]


def none(findings: list[Finding], rule: str, **where) -> None:
    hits = of(findings, rule, **where)
    assert not hits, f"unexpected {rule}: {[dict(f.details) for f in hits]}"
