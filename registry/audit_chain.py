"""The audit log's hash chain: tampering the database cannot prevent is made evident.

Each event has a **header** (when, who, what kind of change, which board) and a **payload** (the
entity's id, its values before and after, the reason) — the payload is what may hold personal data.
The event stores ``digest`` = SHA-256 of its payload, and ``chain`` = SHA-256 of the previous event's
chain and its own header (which includes the digest). Changing, inserting or deleting an event
anywhere breaks every later link; :func:`verify` finds the first broken one.

A purge (retention, ``udpeg purge``) may **redact** an event's payload: the payload is emptied,
``redacted`` names the purge event that did it, and the digest and chain stay, so the chain still
verifies and shows that something was there. The purge event lists the events it redacted; a
redaction not listed by its purge event is a broken link too.

A chain anyone with write access can recompute is evidence, not a lock: ``udpeg audit --verify``
prints the chain's head, and a head noted elsewhere (in the minutes, say) pins everything before it.
Pure functions over plain dicts: no database, no clock.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Sequence

GENESIS = ""
HEADER = ("at", "actor", "action", "entity", "board")
PAYLOAD = ("entity_id", "before", "after", "reason")


def canonical(value: Any) -> str:
    """One text for one value: sorted keys, no spaces, dates as ISO text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=_iso)


def _iso(value: Any) -> str:
    if isinstance(value, datetime):
        return stamp(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"not JSON: {type(value).__name__}")


def stamp(at: datetime) -> str:
    """An event's time as UTC text to the second, however the backend gave it back."""
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at.replace(microsecond=0).isoformat(timespec="seconds")


def plain(value: Any) -> Any:
    """``value`` as it reads back from a JSON column (dates become text)."""
    return None if value is None else json.loads(canonical(value))


def digest(event: dict) -> str:
    return hashlib.sha256(canonical({k: event.get(k) for k in PAYLOAD}).encode("utf-8")).hexdigest()


def link(previous: str, event: dict, payload_digest: str) -> str:
    header = {k: event.get(k) for k in HEADER}
    header["at"] = stamp(header["at"]) if isinstance(header["at"], datetime) else header["at"]
    header["digest"] = payload_digest
    return hashlib.sha256((previous + "\n" + canonical(header)).encode("utf-8")).hexdigest()


def seal(previous: str, event: dict) -> tuple[str, str]:
    """(digest, chain) for a new event after the event whose chain is ``previous``."""
    d = digest(event)
    return d, link(previous, event, d)


@dataclass(frozen=True)
class Verdict:
    events: int
    head: str
    broken: int | None = None      #: pk of the first event whose link does not hold
    problem: str = ""              #: "changed", "unsealed", "redaction" or "head"

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify(events: Sequence[dict], head: str | None = None) -> Verdict:
    """Walk ``events`` (in pk order): the first event whose link does not hold, if any.

    ``head``: a chain value noted earlier; the log must still contain it (nothing before it changed).
    """
    purges = {e["pk"]: {int(x) for x in (e.get("after") or {}).get("redacted_events") or []}
              for e in events if e.get("action") == "purge"}
    previous = GENESIS
    seen_head = head is None
    for e in events:
        if not e.get("chain") or not e.get("digest"):
            return Verdict(len(events), previous, e["pk"], "unsealed")
        if e.get("redacted") is None:
            if digest(e) != e["digest"]:
                return Verdict(len(events), previous, e["pk"], "changed")
        elif e["pk"] not in purges.get(e["redacted"], set()):
            return Verdict(len(events), previous, e["pk"], "redaction")
        if link(previous, e, e["digest"]) != e["chain"]:
            return Verdict(len(events), previous, e["pk"], "changed")
        previous = e["chain"]
        seen_head = seen_head or previous == head
    if not seen_head:
        return Verdict(len(events), previous, -1, "head")
    return Verdict(len(events), previous)
