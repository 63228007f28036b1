"""The Danish texts use the glossary's terms (product.md, Glossary): suppleant, pladskategori,
valggruppe, indstilling i forening, "FH og AC" — not near-synonyms that leave it."""

import re

import pytest

from registry.i18n import catalog, plural_catalog, translate
from registry.rules import nominations

from .builders import H, P, comp, seat, snap
from .helpers import one

#: (what strays, the glossary's term): a Danish text containing the first is wrong.
STRAYS = [
    (r"stedfortræd", "suppleant"),
    (r"gruppen af pladser|pladsgruppe|gruppe af pladser", "pladskategori"),
    (r"tildel pladsen til en gruppe\b", "valggruppe"),
    (r"i fællesskab", "i forening (indstilling i forening)"),
    (r"nominer", "indstille / indstilling"),
    (r"indstillingsret", "indstillingsberettiget"),
    (r"\bsæde", "plads"),
]


def _danish_texts():
    texts = list(catalog("da").items())
    texts += [(k, form) for k, forms in plural_catalog("da").items() for form in forms]
    return texts


@pytest.mark.parametrize("stray,term", STRAYS)
def test_no_danish_text_leaves_the_glossary(stray, term):
    bad = [f"{k!r}: {v!r}" for k, v in _danish_texts() if re.search(stray, v, re.I)]
    assert bad == [], f"use {term}"


def test_the_glossary_terms_are_used_where_the_english_names_them():
    pairs = {"deputy": "suppleant", "seat group": "pladskategori", "council group": "valggruppe",
             "jointly": "i forening"}
    bad = [f"{k!r}: {v!r}" for k, v in _danish_texts() for en, da in pairs.items()
           if re.search(rf"\b{en}", k, re.I) and da not in v.lower()]
    assert bad == []


def test_a_joint_nomination_names_fh_og_ac():
    names = {"fh": "FH – Fagbevægelsens Hovedorganisation", "ac": "AC – Akademikerne"}
    s = snap(H("lab", P("jan", "man", "Jan"), nominated_by=("fh",)),
             compositions=comp(seat("lab", 1, "Arbejdstagerrepræsentant", nominated_by=("fh", "ac"), joint=True)),
             org_names=names)
    f = one(nominations.check(s), "joint-nomination")
    assert f.text("da") == "Jan i Arbejdstagerrepræsentant blev ikke indstillet i forening af FH og AC"
    assert f.text("en") == "Jan in Arbejdstagerrepræsentant was not nominated jointly by FH and AC"
    assert translate(f.remedy, "da", **f.params) == "Bed AC – Akademikerne om at tilslutte sig indstillingen, så FH og AC indstiller i forening"
