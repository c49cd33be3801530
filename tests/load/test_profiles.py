"""Load shapes as functions of time (sim/load/profiles.py; docs/load.md describes them)."""

from __future__ import annotations

import pytest

from sim.load.profiles import Step, make_profile


def _ticks(profile, times):
    return [profile.tick(t) for t in times]


def test_ramp_climbs_from_at_over_for_then_holds():
    ramp = make_profile("ramp", users=10, spawn_rate=2, run_time=60, push_users=5, at=5, for_=10)
    assert _ticks(ramp, [0, 5, 6, 10, 15, 59]) == [
        Step(0, 2.0),
        Step(0, 2.0),
        Step(1, 2.0),
        Step(5, 2.0),
        Step(10, 2.0),
        Step(10, 2.0),
    ]
    assert ramp.tick(60) is None  # -t reached: Locust stops the run


def test_spike_multiplies_every_user_for_a_while_and_arrives_at_once():
    spike = make_profile(
        "spike", users=4, spawn_rate=1, run_time=None, push_users=2, at=10, for_=5, factor=3
    )
    assert _ticks(spike, [9.9, 10, 14.9, 15, 1000]) == [
        Step(4, 1.0),
        Step(12, 12.0),
        Step(12, 12.0),
        Step(4, 1.0),
        Step(4, 1.0),
    ]


def test_log_bomb_adds_push_users_only():
    bomb = make_profile(
        "log_bomb", users=3, spawn_rate=1, run_time=30, push_users=2, at=1, for_=2, factor=5
    )
    assert _ticks(bomb, [0, 1, 2.9, 3]) == [
        Step(3, 1.0),
        Step(11, 8.0, True),
        Step(11, 8.0, True),
        Step(3, 1.0),
    ]


@pytest.mark.parametrize(
    ("kind", "run_time", "at", "for_", "factor"),
    [
        ("ramp", 90.0, 0.0, 45.0, 1.0),  # starts at once, climbs for half the run
        ("spike", 90.0, 30.0, 30.0, 5.0),  # the middle third; sim/scenario.py Spike factor
        ("log_bomb", 90.0, 30.0, 30.0, 50.0),  # sim/scenario.py LogBomb factor
        ("spike", None, 60.0, 60.0, 5.0),  # no -t: a minute in, for a minute
    ],
)
def test_defaults(kind, run_time, at, for_, factor):
    profile = make_profile(kind, users=1, spawn_rate=1, run_time=run_time, push_users=1)
    assert (profile.at, profile.for_, profile.factor) == (at, for_, factor)


def test_unknown_kind():
    with pytest.raises(ValueError, match="expected one of ramp, spike, log_bomb, got 'sine'"):
        make_profile("sine", users=1, spawn_rate=1, run_time=None, push_users=1)
