"""Examples of every ``udpeg`` command, run in order on a fresh sample registry.

They are printed in ``docs/cli.md`` under each command (``docs/gen_cli.py``), executed by
``tests/test_examples.py`` (in-process, exit codes checked) and by ``.ci/smoke`` from a plain
``pip install .`` without extras. "Today" is ``UDPEG_TODAY=2026-03-27``, the agenda's date.

Each entry: (command line without ``udpeg``, the exit code it must give, why that code).
"""

from __future__ import annotations

TODAY = "2026-03-27"

#: files of the project that examples read, by the path they give: run the examples from a
#: checkout's top folder (the tests and .ci/smoke copy these into their folder)
DATA_FILES = ["data/import-example.csv"]

EXAMPLES: list[tuple[str, int, str]] = [
    ("boards --on 2022-06-01", 0, ""),
    ("board erhvervshus-nordjylland --on 2022-06-01", 0, ""),
    ("check --on 2022-06-01", 1, "the sample holds a gender-balance error on that date"),
    ("check --on 2026-04-01 --format json", 0, ""),
    ("whatif --board erhvervshus-nordjylland --seat political --person jesper-greth --start 2026-04-01", 0, ""),
    ("appoint --board hospice-vangen --seat kkr --person jesper-greth --start 2026-04-01"
     " --decision kkr-2026-03-27:4.2", 0, "an illustration: the agenda names nobody for the seat"),
    ("nominate --board erhvervshus-nordjylland --seat business --round 2026-04-01 --org di"
     " --candidate rikke-gandrup birthe-dyrberg", 0, "registered; its § 10 a error is printed"),
    ("plan --board erhvervshus-nordjylland --round 2026-04-01", 1,
     "no compliant board is possible until more candidates are nominated"),
    ("minutes --meeting kkr-2022-03-25 --item 3.1 -o beslutning-3.1.md", 0,
     "the decision text of the minutes of 25-03-2022, point 3.1"),
    ("agenda --meeting kkr-2026-03-27 --board erhvervshus-nordjylland --round 2026-04-01 --item 4.1"
     " -o dagsorden-4.1.docx --annex fortroligt-bilag-4.1.docx", 0,
     "the agenda item of 27-03-2026, point 4.1; the candidates only in the annex"),
    ("letters --board erhvervshus-nordjylland --round 2026-04-01 -o anmodninger", 0,
     "one request (DOCX) to each entitled organisation"),
    ("agenda --meeting kkr-2022-03-25 --item 3.1 --format html -o dagsorden-2022-3.1.html", 0,
     "an item whose decisions are recorded: the board and round come from them"),
    ("letters --kind follow-up --board erhvervshus-nordjylland --round 2026-04-01 --by 2026-04-10 --format md"
     " -o opfoelgninger", 0,
     "DI's nomination above (two women for one seat), and FH and AC, who did not nominate jointly"),
    ("vacancies --group blaa-2022 --on 2022-06-01 --format csv", 0, ""),
    ("vacancies --within 90", 0, ""),
    ("allocate --seats 5 blaa=13 roed=9", 0, ""),
    ("allocate --seats 6 blaa=12 roed=9 --format json", 0, "one seat is left to a drawn lot"),
    ("people --search møller", 0, ""),
    ("person jesper-greth", 0, ""),
    ("person jesper-greth --export", 0, ""),
    ("audit --limit 5", 0, ""),
    ("audit --verify", 0, "the hash chain is intact; prints its head"),
    ("report annual --year 2025 --format html -o aarsrapport.html", 0, ""),
    ("report gender --format csv -o ligestilling.csv", 0, ""),
    ("report vacancies --group roed-2022 --on 2022-06-01 --within 90 -o ledige.html", 0, ""),
    ("calendar -o udpeg.ics", 0, ""),
    ("publish -o hjemmeside --year 2025", 0, "a static website: vacancies, boards, the annual report, calendar feeds"),
    ("export --public --format json -o registry.json", 0, ""),
    ("import data/import-example.csv --dry-run", 0,
     "Erhvervshus Nordjylland 2022 as a secretariat's sheet: every row matched, nothing new, nothing written"),
    ("export --format toml -o fuld.toml", 0, ""),
    ("backup kopi.db", 0, ""),
    ("restore kopi.db", 0, ""),
    ("purge --before 2023-01-01 --dry-run", 0, ""),
    ("db upgrade --no-backup", 0, "already current: nothing to do"),
    ("db stamp", 2, "the registry has its schema version; stamp only puts back a lost one"),
    ("db verify-store", 0, "the stored findings of boards match a fresh evaluation"),
    ("db grant --reader laeser", 2, "reader roles exist only on PostgreSQL"),
    ("db grant --writer udpeg_app", 2, "so do writer roles"),
    ("synth --boards 20 --years 4 -o national.json", 0, ""),
    ("--db ny.db init --empty", 0, ""),
    ("--db ny.db load fuld.toml", 0, ""),
    ("end hospice-vangen-kkr-jesper-greth-2026-04-01 --date 2026-06-30 --reason resigned", 0,
     "the appointment made above, by the id appoint printed"),
]
