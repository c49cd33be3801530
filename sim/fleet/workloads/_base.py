"""What every workload shares: seeded randomness, Faker pools, and secret injection.

A subclass builds its pools in `_setup` (Faker is used there only), writes `next` with
cheap rng picks, and lists its native secret forms in `_secret_forms`. Injection checks
the contract (value and marker each exactly once, together on one line) and retries
with a fresh value; a kind without a native form falls back to the workload's own
free-text line carrying a plain-text fragment from `sim.fleet.secret_forms`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from typing import Any

from sim.errors import ToolError
from sim.fleet.secret_forms import text_fragment
from sim.fleet.secrets import SECRET_KINDS, generate_value
from sim.fleet.workloads._types import Emission, InjectedSecret

# (emission, index of the line holding value and marker, the value as it was logged)
Rendered = tuple[Emission, int, str]
Render = Callable[[float, str, str], Rendered]  # (now, value, marker)
FormTable = dict[str, tuple[tuple[str, Render], ...]]

_ATTEMPTS = 8
_NATIVE_SHARE = 0.8  # the rest of the injections use a plain-text form, for variety
_LEAD_INS = ("using ", "config ", "debug: ", "resolved ")
_faker: Any = None


def seeded_faker(seed: int) -> Any:
    """One shared Faker instance, reseeded: building a Faker costs ~20 ms."""
    global _faker
    if _faker is None:
        from faker import Faker

        _faker = Faker("en_US")
    _faker.seed_instance(seed)
    return _faker


def holds(emission: Emission, index: int, value: str, marker: str) -> bool:
    """The injection contract: value and marker each once in the emission, both on `index`."""
    lines = emission.lines
    if not 0 <= index < len(lines):
        return False
    if any("\n" in line or "\r" in line for line in lines):
        return False
    line = lines[index]
    if line.count(value) != 1 or line.count(marker) != 1:
        return False
    return sum(x.count(value) for x in lines) == 1 and sum(x.count(marker) for x in lines) == 1


class BaseWorkload:
    name: str = ""

    def __init__(self, *, app: str, pod: str, namespace: str, seed: int) -> None:
        self.app = app
        self.pod = pod
        self.namespace = namespace
        self.rng = random.Random(seed)
        self.bits = self.rng.getrandbits
        self._setup(seeded_faker(seed))
        self._forms: FormTable = self._secret_forms()
        self._startup: list[Emission] | None = None
        # The first writes are the program's startup banner, for programs that print one.
        self.booting = type(self)._boot_lines is not BaseWorkload._boot_lines

    def _boot_lines(self, now: float) -> list[Emission]:
        """What the program prints when it starts (in order); empty for none."""
        return []

    def _boot(self, now: float) -> Emission | None:
        """The next startup write, or None once the banner is done."""
        if self._startup is None:
            self._startup = self._boot_lines(now)[::-1]
        if not self._startup:
            self.booting = False
            return None
        emission = self._startup.pop()
        self.booting = bool(self._startup)
        return emission

    def _setup(self, fake: Any) -> None:
        """Build the pools `next` draws from."""

    def _secret_forms(self) -> FormTable:
        return {}

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        """One free-text line in this workload's format, carrying `text` and `marker`."""
        raise NotImplementedError

    def next(self, now: float) -> Emission:
        raise NotImplementedError

    def native_secret_kinds(self) -> tuple[str, ...]:
        """The kinds this workload has forms of its own for (others use the fallback)."""
        return tuple(kind for kind in SECRET_KINDS if self._forms.get(kind))

    def next_with_secret(
        self, now: float, kind: str, marker: str
    ) -> tuple[Emission, InjectedSecret]:
        if kind not in SECRET_KINDS:
            raise ValueError(
                f"unknown secret kind {kind!r}: expected one of {', '.join(SECRET_KINDS)}"
            )
        rng = self.rng
        forms = self._forms.get(kind, ())
        for _ in range(_ATTEMPTS):
            value = generate_value(kind, rng)
            if forms and rng.random() < _NATIVE_SHARE:
                form, render = forms[rng.randrange(len(forms))]
                emission, index, logged = render(now, value, marker)
            else:
                form, fragment = text_fragment(kind, value, rng)
                if form != "message":
                    fragment = rng.choice(_LEAD_INS) + fragment
                emission, index, logged = self._plain(now, fragment, marker), 0, value
            # A line that embeds the text in a JSON string shows the value JSON-escaped.
            for shown in (logged, json.dumps(logged)[1:-1]):
                if holds(emission, index, shown, marker):
                    return emission, InjectedSecret(kind, shown, form, index)
        raise ToolError(
            f"workload {self.name}: could not place a {kind} secret and marker {marker!r} "
            f"exactly once in {_ATTEMPTS} attempts (a bug in lokisim's workload)"
        )


def sized(
    rng: random.Random, items: list[Any], bits: int, weights: list[float] | None = None
) -> tuple[Any, ...]:
    """`2**bits` draws from `items`: index with `rng.getrandbits(bits)`, the cheapest pick."""
    return tuple(rng.choices(items, weights, k=1 << bits))
