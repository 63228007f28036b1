"""Rule families (domain.md §6) and the numeric rule sets they use.

Every rule is a pure function of a :class:`~registry.snapshot.BoardSnapshot` (plain, frozen
data for one board on one date) returning :class:`~registry.findings.Finding` objects; no rule
opens a session, reads a clock or formats for a screen. :func:`evaluate` runs every family.

The family modules never import :mod:`registry.snapshot` at run time (it imports
``registry.rules.rulesets``, which runs this file first), so importing them here is safe.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Callable, Mapping

from registry.findings import Finding, sort_findings
from registry.rules import collective, data, deputies, eligibility, gender, nominations, structure, terms

if TYPE_CHECKING:   # pragma: no cover
    from registry.snapshot import BoardSnapshot

__all__ = ["evaluate", "evaluate_unsorted", "RULE_FAMILIES", "FAMILY_RULES"]

_MODULES = (structure, eligibility, nominations, gender, collective, terms, deputies, data)

#: family name → ``check(snapshot) -> list[Finding]``, in the order they run.
RULE_FAMILIES: Mapping[str, Callable[["BoardSnapshot"], list[Finding]]] = MappingProxyType(
    {m.__name__.rsplit(".", 1)[1]: m.check for m in _MODULES})

_CHECKS = tuple(RULE_FAMILIES.values())

#: family name → the rule ids it reports (together: every id of ``registry.findings.RULES``).
FAMILY_RULES: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {m.__name__.rsplit(".", 1)[1]: m.RULES for m in _MODULES})


def evaluate(snapshot: "BoardSnapshot") -> list[Finding]:
    """Every finding for the board on ``snapshot.on``, sorted with :func:`sort_findings`."""
    return sort_findings(evaluate_unsorted(snapshot))


def evaluate_unsorted(snapshot: "BoardSnapshot") -> list[Finding]:
    """Every finding for the board, in the order the families report them (for callers that sort
    the findings of many boards together)."""
    out: list[Finding] = []
    for check in _CHECKS:
        out.extend(check(snapshot))
    return out
