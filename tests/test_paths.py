"""Career paths: Dijkstra and Yen on a hand-drawn graph, then on the real O*NET release."""

from __future__ import annotations

import itertools
import json

import pytest

from cairn.core.paths import k_shortest, shortest

#   0 -1-> 1 -1-> 3
#   0 -2-> 2 -1-> 3
#   1 -1-> 2,  0 -5-> 3
GRAPH = {0: [(1, 1.0), (2, 2.0), (3, 5.0)], 1: [(3, 1.0), (2, 1.0)], 2: [(3, 1.0)]}


def test_dijkstra_finds_the_cheapest_path():
    assert shortest(GRAPH, 0, 3) == (2.0, [0, 1, 3])
    assert shortest(GRAPH, 3, 0) is None
    assert shortest(GRAPH, 0, 3, banned_nodes=frozenset({1})) == (3.0, [0, 2, 3])


def test_yen_lists_loopless_paths_cheapest_first():
    found = k_shortest(GRAPH, 0, 3, 5)
    assert found == [(2.0, [0, 1, 3]), (3.0, [0, 1, 2, 3]), (3.0, [0, 2, 3]), (5.0, [0, 3])]


@pytest.mark.onet
def test_paths_on_the_catalog_follow_related_occupations(onet):
    found = onet.fit.paths("41-2011.00", "29-1141.00", k=3)
    assert len(found) == 3
    assert [p.cost for p in found] == sorted(p.cost for p in found)
    with onet.scope.read() as s:
        from cairn.store import catalog as catalog_store

        for p in found:
            codes = [step.code for step in p.steps]
            assert codes[0] == "41-2011.00" and codes[-1] == "29-1141.00"
            assert len(set(codes)) == len(codes)
            for a, b in itertools.pairwise(codes):
                assert b in [r[0] for r in catalog_store.related_occupations(s, a)]
    assert len({tuple(s.code for s in p.steps) for p in found}) == 3
    assert any(step.new_gaps for step in found[0].steps)


@pytest.mark.onet
def test_cli_path(onet_person):
    out = onet_person("explore", "path", "Cashiers", "Registered Nurses", "-k", "2", "--json")
    assert out.exit_code == 0, out.stderr
    rows = json.loads(out.stdout)
    assert len(rows) == 2 and rows[0]["steps"][-1]["code"] == "29-1141.00"
    text = onet_person("explore", "path", "-", "29-1141.00")
    assert text.exit_code != 0 and "current occupation" in text.stderr


def test_a_star_with_exact_distances_agrees_with_dijkstra():
    from cairn.core.paths import distances_to, reverse

    to_target = distances_to(reverse(GRAPH), 3)
    assert to_target == {3: 0.0, 1: 1.0, 2: 1.0, 0: 2.0}
    assert shortest(GRAPH, 0, 3, to_target=to_target) == shortest(GRAPH, 0, 3)
    banned = frozenset({(0, 1)})
    assert shortest(GRAPH, 0, 3, banned_edges=banned, to_target=to_target) == (3.0, [0, 2, 3])
