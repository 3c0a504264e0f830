"""The other matters a matter page names per article: the nearest in list order, found by bisection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from hypothesis import given
from hypothesis import strategies as st

from generator.model.model import Matter
from generator.model.site import nearest


@dataclass(frozen=True)
class _M:
    code: str
    seq: int


def _scan(matter: _M, peers: list[_M], count: int) -> tuple[list[_M], int]:
    """The definition: sort the others by distance (ties: the earlier), keep count, show them in list order."""
    others = [m for m in peers if m.code != matter.code]
    return sorted(sorted(others, key=lambda m: (abs(m.seq - matter.seq), m.seq))[:count], key=lambda m: m.seq), \
        len(others)


@given(st.sets(st.integers(0, 400), min_size=1, max_size=60), st.integers(0, 400), st.booleans(),
       st.integers(0, 10))
def test_bisection_gives_what_sorting_by_distance_gives(seqs: set[int], seq: int, cites: bool, count: int) -> None:
    peers = [_M(f"m{s}", s) for s in sorted(seqs | ({seq} if cites else set()))]
    matter = _M(f"m{seq}", seq)
    if not cites:
        peers = [p for p in peers if p.code != matter.code]
    found = nearest(cast(Matter, matter), tuple(p.seq for p in peers), cast(tuple[Matter, ...], tuple(peers)), count)
    assert found == _scan(matter, peers, count)
