from __future__ import annotations

from claims.matching.watermark import Watermark


def test_a_key_committed_below_the_highest_seen_is_fetched_again_until_it_arrives():
    mark = Watermark()
    mark.observe([1, 2, 3, 4, 6], stamp=10, now=0.0)  # 5 is still being committed

    assert (mark.high, sorted(mark.gaps)) == (6, [5])

    mark.observe([5], stamp=11, now=1.0)

    assert (mark.high, mark.gaps) == (6, {})


def test_gaps_are_forgotten_only_when_settled_and_old_enough():
    mark = Watermark()
    mark.observe([1, 4], stamp=10, now=0.0)
    mark.observe([9], stamp=20, now=30.0)

    mark.settle(lambda stamp: stamp <= 10, now=59.0, grace=60.0)
    assert sorted(mark.gaps) == [2, 3, 5, 6, 7, 8]
    mark.settle(lambda stamp: stamp <= 10, now=60.0, grace=60.0)
    assert sorted(mark.gaps) == [5, 6, 7, 8]  # seen with stamp 20: not settled yet
    mark.settle(lambda stamp: True, now=90.0, grace=60.0)
    assert mark.gaps == {}


def test_a_watermark_round_trips_through_json():
    mark = Watermark()
    mark.observe([2, 5], stamp=7, now=1.5)

    assert Watermark.from_json(mark.to_json()) == mark
