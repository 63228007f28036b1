"""Where a number meets a noun, the form follows the number (ngettext), in English and Danish."""

from hypothesis import given, strategies as st

from registry.i18n import N_n, ntranslate, translate
from registry.rules import nominations, structure

from .builders import H, P, comp, seat, snap
from .helpers import one


def test_one_of_one_seat_is_singular_and_three_of_three_plural():
    s1 = snap(compositions=comp(seat("obs", 1, "Observatør"), seat("m", 3, "Medlem"), seat("x", 2, "X")))
    s1 = snap(H("x", P("a")), H("x", P("b")), H("m", P("c")), compositions=s1.compositions)
    obs = one(structure.check(s1), "seat-vacant", seat="obs")
    assert obs.text("en") == "Observatør: 1 of 1 seat vacant"
    assert obs.text("da") == "Observatør: 1 af 1 plads er ledig"
    m = one(structure.check(s1), "seat-vacant", seat="m")
    assert m.text("en") == "Medlem: 2 of 3 seats vacant"
    assert m.text("da") == "Medlem: 2 af 3 pladser er ledige"


def test_overfilled_counts_members_and_seats_each_in_its_own_form():
    s1 = snap(H("x", P("a")), H("x", P("b")), compositions=comp(seat("x", 1, "X")))
    f = one(structure.check(s1), "seat-overfilled")
    assert f.text("en") == "X has 2 members but only 1 seat"
    assert f.text("da") == "X har 2 medlemmer, men kun 1 plads"


def test_a_remedy_with_two_numbers_gives_each_its_form():
    text, params = nominations._need_remedy({"woman": 1, "man": 2})
    assert translate(text, "en", org="FH", **params) == (
        "Ask FH to nominate 1 more woman and 2 more men, or to state special reasons (ligestillingsloven § 10 a, stk. 2)")
    assert translate(text, "da", org="FH", **params) == (
        "Bed FH om at indstille 1 kvinde mere og 2 mænd mere, eller om at angive særlige grunde (ligestillingsloven § 10 a, stk. 2)")


@given(st.integers(min_value=0, max_value=10**6))
def test_the_form_follows_the_number_in_both_languages(n):
    en = ntranslate("{n} man", "{n} men", n, "en", n=n)
    da = ntranslate("{n} man", "{n} men", n, "da", n=n)
    assert en == (f"{n} man" if n == 1 else f"{n} men")
    assert da == (f"{n} mand" if n == 1 else f"{n} mænd")                 # Danish: nplurals=2, plural=(n != 1)
    counted = N_n("{n} woman", "{n} women").bind(n)
    assert str(counted) == (f"{n} woman" if n == 1 else f"{n} women")
    assert translate("{women}, {men} of {n}", "da", women=counted, men=N_n("{n} man", "{n} men").bind(1), n=n + 1) == (
        f"{n} kvinde" if n == 1 else f"{n} kvinder") + f", 1 mand af {n + 1}"
