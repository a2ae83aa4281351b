"""Which stored rows an index has taken in, robust to rows that commit out of key order.

With several workers, a row can commit with a lower primary key after a row with a higher one was
already read: worker A takes key 5, worker B takes key 6 and commits first, a reader sees 6.
"Every key above the highest seen" would then never fetch 5. A Watermark keeps the highest key
seen and every lower key not seen yet (a gap), and fetches the gaps again until they are
settled: a gap is a row still being committed, or one that never will be (a rolled-back insert,
a deleted row, a row of another model). A gap is settled when the database says every
transaction that could own it has ended (`settled(stamp)`, PostgreSQL: the oldest running
transaction is newer than the one current when the gap was seen) and `grace` seconds have passed.

Pure: the caller supplies the keys it fetched, a stamp from the database and the time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

GRACE_SECONDS = 60.0


@dataclass
class Watermark:
    high: int = 0
    gaps: dict[int, tuple[int, float]] = field(default_factory=dict)  # key -> (stamp, first seen)

    def observe(self, keys: Iterable[int], *, stamp: int, now: float) -> None:
        """Take in the keys a fetch returned (keys above `high`, and gaps now committed)."""
        found = set(keys)
        for key in found:
            self.gaps.pop(key, None)
        top = max(found, default=self.high)
        if top > self.high:
            for key in range(self.high + 1, top):
                if key not in found:
                    self.gaps[key] = (stamp, now)
            self.high = top

    def settle(
        self, settled: Callable[[int], bool], *, now: float, grace: float = GRACE_SECONDS
    ) -> None:
        """Forget the gaps that can no longer be filled."""
        for key, (stamp, seen_at) in list(self.gaps.items()):
            if now - seen_at >= grace and settled(stamp):
                del self.gaps[key]

    def to_json(self) -> dict[str, Any]:
        return {"high": self.high, "gaps": [[key, *value] for key, value in self.gaps.items()]}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Watermark:
        gaps = {int(key): (int(stamp), float(seen)) for key, stamp, seen in data["gaps"]}
        return cls(high=int(data["high"]), gaps=gaps)
