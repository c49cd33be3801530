"""Load shapes for loadtests/locustfile.py: ramp, spike and log bomb.

The shape logic is sim/load/profiles.py; these classes only feed it Locust's options and
turn its answer into a tick. They are declared abstract so that importing this file (or
pointing `-f` at the whole folder) activates none of them: Locust 2.47 silently runs the
first shape class it finds when there are several. The locustfile activates the one
`--shape` (or LOKISIM_LOAD_SHAPE) names, or all of them with `--class-picker`, where the
web UI lets you choose.
"""

from __future__ import annotations

from typing import Any, ClassVar

from locust import LoadTestShape

from sim.load.options import from_namespace
from sim.load.profiles import Profile, make_profile


class ProfileShape(LoadTestShape):
    abstract = True
    use_common_options = True  # -u, -r and -t keep their meaning: peak users, rate, length
    kind: ClassVar[str] = ""
    _profile: Profile | None = None

    def reset_time(self) -> None:
        """Called as each test starts: read the options again (the web UI may change them)."""
        super().reset_time()  # type: ignore[no-untyped-call]
        self._profile = None

    def tick(self) -> tuple[int, float, list[Any]] | None:
        runner = self.runner
        assert runner is not None, "Locust sets the runner before the first tick"
        classes = list(runner.user_classes)
        if self._profile is None:
            self._profile = self._make(runner.environment.parsed_options, classes)
        step = self._profile.tick(self.get_run_time())  # type: ignore[no-untyped-call]
        if step is None:
            return None
        push = [c for c in classes if c.__name__ == "PushUser"]
        return step.users, step.spawn_rate, push if step.push_only and push else classes

    def _make(self, parsed: Any, classes: list[Any]) -> Profile:
        settings = from_namespace(parsed)
        users = int(getattr(parsed, "num_users", None) or 1)
        weights = {c.__name__: float(getattr(c, "weight", 1)) for c in classes}
        total = sum(weights.values()) or 1.0
        return make_profile(
            self.kind,
            users=users,
            spawn_rate=float(getattr(parsed, "spawn_rate", None) or 1.0),
            run_time=float(getattr(parsed, "run_time", None) or 0) or None,
            push_users=round(users * weights.get("PushUser", 0.0) / total),
            at=settings.shape_at,
            for_=settings.shape_for,
            factor=settings.shape_factor,
        )


class RampShape(ProfileShape):
    abstract = True
    kind = "ramp"


class SpikeShape(ProfileShape):
    abstract = True
    kind = "spike"


class LogBombShape(ProfileShape):
    abstract = True
    kind = "log_bomb"


SHAPES: dict[str, type[ProfileShape]] = {
    "ramp": RampShape,
    "spike": SpikeShape,
    "log_bomb": LogBombShape,
}


def activated(names: list[str]) -> dict[str, type[ProfileShape]]:
    """Concrete subclasses of the named shapes, to bind in the locustfile's namespace."""
    return {
        SHAPES[name].__name__: type(SHAPES[name].__name__, (SHAPES[name],), {"abstract": False})
        for name in names
    }
