"""Findings: what a rule reports, with severity, legal source, remedy and numbers.

A rule builds a :class:`Finding` with an English message template and its parameters; the text
is put into the user's language only when the finding is shown (``to_dict(lang)``), so rules
stay pure and the same findings serve the CLI, the UI and the reports.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from registry.i18n import translate

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITIES = (ERROR, WARNING, INFO)
SEVERITY_RANK = {ERROR: 0, WARNING: 1, INFO: 2}

#: Every rule id of the catalogue (domain.md §6).
RULES = (
    "seat-overfilled", "seat-vacant", "board-size", "board-size-odd", "seat-share",
    "eligibility", "eligibility-lapsed", "nominator-not-entitled", "joint-nomination",
    "nomination-missing", "nomination-both-sexes", "gender-balance", "gender-undetermined",
    "gender-unattainable", "collective-skill", "spread", "term-invalid", "term-overlap",
    "term-pattern", "term-ending", "holdover", "term-limit", "deputy-missing", "plurality",
    "date-implausible", "holder-not-recorded",
)

#: details keys that tell two findings of one rule apart (numbers are not identity).
_IDENTITY_DETAILS = ("ruleset", "scope", "appointer", "predicate", "skill", "date")


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    board: str | None
    message: str                      # English template, translated when shown
    legal_basis: str = ""
    remedy: str = ""                  # English template, translated when shown
    seat: str | None = None
    person: str | None = None
    appointment: str | None = None
    nomination: str | None = None
    details: Mapping[str, Any] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)   # for the templates only

    def __post_init__(self) -> None:
        if self.rule not in RULES:
            raise ValueError(f"unknown rule id {self.rule!r}")
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def key(self) -> tuple:
        """Identity for what-if comparison: same rule, same severity, about the same thing."""
        d = self.details
        return (self.rule, self.severity, self.board, self.seat, self.person, self.appointment,
                self.nomination, *(str(d.get(k, "")) for k in _IDENTITY_DETAILS))

    def text(self, lang: str | None = None) -> str:
        return translate(self.message, lang, **self.params)

    def remedy_text(self, lang: str | None = None) -> str:
        return translate(self.remedy, lang, **self.params) if self.remedy else ""

    def to_dict(self, lang: str | None = None) -> dict[str, Any]:
        """The JSON shape of cli.md."""
        return {
            "rule": self.rule,
            "severity": self.severity,
            "board": self.board,
            "seat": self.seat,
            "person": self.person,
            "appointment": self.appointment,
            "nomination": self.nomination,
            "message": self.text(lang),
            "legal_basis": self.legal_basis,
            "remedy": self.remedy_text(lang),
            "details": _jsonable(self.details),
        }


_PLAIN = (str, int, float, bool, type(None))


def _jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:     # most details are plain: skip the slow ABC checks below
        return value
    if type(value) is dict:
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Errors first, then by board, seat, rule — a stable order for screens and golden files."""
    return sorted(findings, key=lambda f: (SEVERITY_RANK[f.severity], f.board or "", f.seat or "",
                                           f.rule, f.person or "", f.appointment or "",
                                           f.nomination or "", str(f.details.get("scope", ""))))


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    return counts


def worst(findings: Iterable[Finding]) -> str | None:
    """The most severe level present (``error`` > ``warning`` > ``info``), or None."""
    ranks = [SEVERITY_RANK[f.severity] for f in findings]
    return SEVERITIES[min(ranks)] if ranks else None


@dataclass(frozen=True)
class Diff:
    new: list[Finding]
    resolved: list[Finding]
    unchanged: list[Finding]

    @property
    def adds_error(self) -> bool:
        return any(f.severity == ERROR for f in self.new)


def diff(before: Iterable[Finding], after: Iterable[Finding]) -> Diff:
    b = {f.key: f for f in before}
    a = {f.key: f for f in after}
    return Diff(
        new=sort_findings(f for k, f in a.items() if k not in b),
        resolved=sort_findings(f for k, f in b.items() if k not in a),
        unchanged=sort_findings(f for k, f in a.items() if k in b),
    )
