"""Load shapes as pure functions of elapsed time (loadtests/shapes.py wraps them for Locust).

Every shape reads Locust's common options: `-u` users (the peak for a ramp, the baseline
otherwise), `-r` spawn rate and `-t` run time, plus `at` (when the change starts), `for`
(how long it lasts) and `factor`:

- ramp: no users before `at`, then a straight climb to `-u` over `for`; held after.
- spike: `-u` users, `factor` times as many from `at` for `for`, then `-u` again.
- log_bomb: as spike, but only push users are multiplied (queries keep their pace): the
  scenario timeline's `log_bomb` seen from the push API.

A spike or log bomb spawns its extra users within a second, whatever `-r` says: a burst
that takes minutes to arrive is not a burst.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

DEFAULT_FACTORS = {"spike": 5.0, "log_bomb": 50.0}  # sim/scenario.py Spike and LogBomb
UNTIMED_SECONDS = 60.0  # `at` and `for` when neither they nor -t are given


@dataclass(frozen=True, slots=True)
class Step:
    users: int
    spawn_rate: float
    push_only: bool = False  # the users added by this step are push users


@dataclass(frozen=True, slots=True)
class Profile:
    kind: str
    users: int
    spawn_rate: float
    run_time: float | None
    at: float
    for_: float
    factor: float
    push_users: int  # how many of `users` push: the log bomb multiplies these

    def tick(self, elapsed: float) -> Step | None:
        """The users wanted `elapsed` seconds in; None once the run time is over."""
        if self.run_time is not None and elapsed >= self.run_time:
            return None
        rate = max(self.spawn_rate, 1.0)
        if self.kind == "ramp":
            if elapsed < self.at:
                return Step(0, rate)
            done = 1.0 if self.for_ <= 0 else min(1.0, (elapsed - self.at) / self.for_)
            return Step(math.ceil(self.users * done), rate)
        inside = self.at <= elapsed < self.at + self.for_
        if not inside:
            return Step(self.users, rate)
        if self.kind == "spike":
            peak = max(self.users, round(self.users * self.factor))
            return Step(peak, max(rate, float(peak)))
        extra = max(0, round(self.push_users * (self.factor - 1)))
        return Step(self.users + extra, max(rate, float(extra)), push_only=True)


def make_profile(
    kind: str,
    *,
    users: int,
    spawn_rate: float,
    run_time: float | None,
    push_users: int,
    at: float | None = None,
    for_: float | None = None,
    factor: float | None = None,
) -> Profile:
    """A profile with the defaults filled in: the change starts a third into the run and
    lasts a third of it (a ramp starts at once and climbs for half of it)."""
    if kind not in ("ramp", "spike", "log_bomb"):
        raise ValueError(f"expected one of ramp, spike, log_bomb, got {kind!r}")
    span = run_time if run_time else None
    if kind == "ramp":
        default_at, default_for = 0.0, (span / 2 if span else UNTIMED_SECONDS)
    else:
        default_at = span / 3 if span else UNTIMED_SECONDS
        default_for = span / 3 if span else UNTIMED_SECONDS
    return Profile(
        kind=kind,
        users=users,
        spawn_rate=spawn_rate,
        run_time=span,
        at=default_at if at is None else at,
        for_=default_for if for_ is None else for_,
        factor=DEFAULT_FACTORS.get(kind, 1.0) if factor is None else factor,
        push_users=min(push_users, users),
    )
