"""A large, valid udpeg/1 dataset generated in the test (no files to keep in the repository)."""

from __future__ import annotations

import random
from datetime import date, timedelta


def big_tree(boards: int, seats_per_board: int = 4, seed: int = 1) -> dict:
    rnd = random.Random(seed)
    munis = [{"id": f"m{i}", "name": f"Kommune {i}", "kkr": "nordjylland"} for i in range(11)]
    orgs = [{"id": "kkr-nordjylland", "name": "KKR Nordjylland", "kind": "kkr"}] + \
        [{"id": f"org{i}", "name": f"Organisation {i}", "kind": "business"} for i in range(20)]
    people, appointments, nominations = [], [], []
    for b in range(boards):
        for s in range(seats_per_board):
            for k, start in enumerate((date(2018, 4, 1), date(2022, 4, 1))):
                pid = f"p{b}-{s}-{k}"
                people.append({"id": pid, "name": f"Person {b} {s} {k}", "sex": rnd.choice(["woman", "man", "undisclosed"]),
                               "municipality": rnd.choice(munis)["id"],
                               "contact": {"email": f"{pid}@example.dk"},
                               "offices": [{"office": "council-member", "body": "m1", "start": "2018-01-01"}]})
                appointments.append({"id": f"a{b}-{s}-{k}", "board": f"b{b}", "seat": f"s{s}", "person": pid,
                                     "start": start.isoformat(),
                                     "end": (start + timedelta(days=365 * 4 - 2)).isoformat()})
        nominations.append({"id": f"n{b}", "board": f"b{b}", "seat": "s0", "round": "2022-04-01",
                            "organisations": [rnd.choice(orgs[1:])["id"]],
                            "candidates": [f"p{b}-0-1"], "reasons": "confidential text"})
    return {
        "format": "udpeg/1",
        "registry": {"name": "Big", "kkr": "nordjylland"},
        "municipalities": munis,
        "organisations": orgs,
        "people": people,
        "boards": [{"id": f"b{b}", "name": f"Board {b}", "kkr": "nordjylland", "term": "kkr",
                    "compositions": [{"valid_from": "2014-01-01", "balance": ["none"],
                                      "seats": [{"id": f"s{s}", "name": f"Seat {s}", "count": 1,
                                                 "appointed_by": "kkr-nordjylland"} for s in range(seats_per_board)]}]}
                   for b in range(boards)],
        "appointments": appointments,
        "nominations": nominations,
    }


def tree_rows(tree: dict) -> int:
    return sum(len(v) for v in tree.values() if isinstance(v, list))
