"""What the scenario's timeline does at a given second: rate factors and discrete events."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sim.scenario import Churn, LabelBlowup, LogBomb, Restart, Scenario, Spike

EventKind = Literal["churn", "restart", "blowup"]


@dataclass(frozen=True, slots=True)
class Event:
    at: float  # seconds since the scenario started
    kind: EventKind
    pod: str  # the scenario pod (namespace/name) it applies to
    container: str | None = None
    lines: int = 0  # blowup: lines the new pod writes


def rate_factor(scenario: Scenario, pod_ref: str, elapsed: float) -> float:
    """The multiplier on a pod's base rate at `elapsed` seconds (log bombs and spikes)."""
    factor = 1.0
    for phase in scenario.timeline:
        if not isinstance(phase, LogBomb | Spike):
            continue
        end = phase.at + (phase.for_ if phase.for_ is not None else scenario.duration)
        if not phase.at <= elapsed < end:
            continue
        targets = [phase.pod] if isinstance(phase, LogBomb) else phase.pods
        if targets == "all" or pod_ref in targets:
            factor *= phase.factor
    return factor


def events(scenario: Scenario) -> list[Event]:
    """Every discrete event of the timeline, in time order."""
    found: list[Event] = []
    for phase in scenario.timeline:
        end = phase.at + (phase.for_ if phase.for_ is not None else scenario.duration - phase.at)
        if isinstance(phase, Restart):
            found.append(Event(phase.at, "restart", phase.pod, phase.container))
        elif isinstance(phase, Churn):
            step = 60.0 / phase.per_minute
            moment = phase.at + step
            while moment < end:
                found.extend(Event(moment, "churn", ref) for ref in phase.pods)
                moment += step
        elif isinstance(phase, LabelBlowup):
            span = max(end - phase.at, 1e-3)
            for index in range(phase.new_pods):
                moment = phase.at + span * index / phase.new_pods
                found.append(Event(moment, "blowup", phase.pod, lines=phase.lines_per_pod))
    found.sort(key=lambda event: event.at)
    return found
