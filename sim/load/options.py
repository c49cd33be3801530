"""The load test's settings: one table for Locust's command line, its environment
variables, the web UI and the scenario runner.

Each option is a Locust custom argument (`--streams 20`) whose default comes from an
environment variable (`LOKISIM_LOAD_STREAMS=20`) when set. Parsers accept text (command
line, environment, web UI) or an already parsed value, and raise ValueError saying what
was expected.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from sim.load.client import MAX_STREAM_LINES, MAX_SUFFIXES
from sim.load.queries import DEFAULT_ENDPOINTS, ENDPOINTS
from sim.units import parse_duration, parse_size

SHAPES = ("none", "ramp", "spike", "log_bomb")
MIXED = "mixed"
NATURAL = "natural"
# Promtail's batchsize in the ADR's collector config (compose/promtail/adr.yaml).
ADR_BATCH_BYTES = 1_048_576


@dataclass(frozen=True, slots=True)
class LoadOptions:
    """Parsed settings; hashable, so prebuilt payloads can be cached per setting."""

    streams: int = 17
    label_cardinality: int = 1
    line_size: int = 0  # 0: each line as its workload writes it
    line_format: str = MIXED
    tenants: tuple[str, ...] = ()
    batch_bytes: int = ADR_BATCH_BYTES
    push_wait: float = 1.0
    query_wait: float = 5.0
    query_range: float = 3600.0
    queries_file: str = ""
    query_endpoints: tuple[str, ...] = DEFAULT_ENDPOINTS
    shape: str = "none"
    shape_at: float | None = None
    shape_for: float | None = None
    shape_factor: float | None = None
    seed: int = 1


def _count(value: object, least: int = 1) -> int:
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number >= {least}, got {value!r}")
    try:
        number = int(value) if isinstance(value, int | str) else None
    except ValueError:
        number = None
    if number is None or number < least:
        raise ValueError(f"expected a whole number >= {least}, got {value!r}")
    return number


def parse_positive(value: object) -> int:
    return _count(value, 1)


def parse_cardinality(value: object) -> int:
    count = _count(value, 1)
    if count > MAX_SUFFIXES:
        raise ValueError(f"expected a whole number from 1 to {MAX_SUFFIXES}, got {value!r}")
    return count


def parse_seed(value: object) -> int:
    return _count(value, 0)


def parse_line_size(value: object) -> int:
    if value in (NATURAL, 0, "0", ""):
        return 0
    size = parse_size(value)
    if size < 1:
        raise ValueError(f"expected '{NATURAL}' or a size like '512B' or '1KiB', got {value!r}")
    return size


def parse_batch_bytes(value: object) -> int:
    size = parse_size(value)
    if size < 1:
        raise ValueError(f"expected a size like '1MiB' or '64KiB', got {value!r}")
    return size


def line_formats() -> tuple[str, ...]:
    from sim.fleet.workloads import workload_names

    return (MIXED, *workload_names())


def parse_line_format(value: object) -> str:
    known = line_formats()
    if value not in known:
        raise ValueError(f"expected one of {', '.join(known)}, got {value!r}")
    return str(value)


def _names(value: object) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    if isinstance(value, list | tuple) and all(isinstance(part, str) for part in value):
        return tuple(value)
    raise ValueError(f"expected comma-separated names, got {value!r}")


def parse_tenants(value: object) -> tuple[str, ...]:
    tenants = _names(value)
    for tenant in tenants:
        if "|" in tenant or len(tenant) > 150:
            # tenant.ValidTenantID (dskit): at most 150 bytes; `|` joins multi-tenant queries
            raise ValueError(
                f"expected tenant IDs of at most 150 bytes without '|', got {tenant!r}"
            )
    return tenants


def parse_endpoints(value: object) -> tuple[str, ...]:
    names = _names(value)
    unknown = [name for name in names if name not in ENDPOINTS]
    if unknown or not names:
        raise ValueError(f"expected names from {', '.join(ENDPOINTS)}, got {value!r}")
    return names


def parse_seconds(value: object) -> float:
    """A Go-style duration ('1m30s') or a plain number of seconds, as text or number."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return parse_duration(value)
        if number >= 0:
            return number
    return parse_duration(value)


def parse_range(value: object) -> float:
    seconds = parse_seconds(value)
    if seconds <= 0:
        raise ValueError(f"expected a duration > 0 like '1h' or '15m', got {value!r}")
    return seconds


def parse_shape(value: object) -> str:
    if value not in SHAPES:
        raise ValueError(f"expected one of {', '.join(SHAPES)}, got {value!r}")
    return str(value)


def parse_optional_seconds(value: object) -> float | None:
    return None if value in (None, "") else parse_seconds(value)


def parse_factor(value: object) -> float | None:
    if value in (None, ""):
        return None
    try:
        factor = float(value) if isinstance(value, int | float | str) else -1.0
    except ValueError:
        factor = -1.0
    if isinstance(value, bool) or not factor > 0:
        raise ValueError(f"expected a number > 0, got {value!r}")
    return factor


def parse_queries_file(value: object) -> str:
    if value == "":
        return ""
    if not isinstance(value, str) or not Path(value).is_file():
        raise ValueError(f"expected a file of LogQL queries, one per line, got {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class Option:
    field: str
    parse: Callable[[object], Any]
    help: str
    unit: str = ""  # what a number is written with on the command line ("s": seconds)

    @property
    def flag(self) -> str:
        return "--" + self.field.replace("_", "-")

    @property
    def env(self) -> str:
        return "LOKISIM_LOAD_" + self.field.upper()

    def text(self, value: object) -> str:
        """`value` as this option is written on the command line (parses back to it)."""
        if value is None:
            return ""
        if isinstance(value, tuple):
            return ",".join(value)
        if isinstance(value, float):
            return f"{value:.12g}{self.unit}"
        if self.field == "line_size" and value == 0:
            return NATURAL
        return str(value)


OPTIONS: tuple[Option, ...] = (
    Option("streams", parse_positive, "streams per push (default: the homelab scenario's 17 pods)"),
    Option(
        "label_cardinality",
        parse_cardinality,
        "values each stream's pod label cycles through (series per tenant = streams x this)",
    ),
    Option("line_size", parse_line_size, "bytes per line ('natural': as the workload writes)"),
    Option("line_format", parse_line_format, "a fleet workload's lines, or 'mixed' (homelab)"),
    Option("tenants", parse_tenants, "comma-separated X-Scope-OrgID values (none: no header)"),
    Option("batch_bytes", parse_batch_bytes, "line bytes per push (ADR Promtail: 1MiB)"),
    Option(
        "push_wait",
        parse_seconds,
        "seconds from one push to the next, per PushUser (0: flat out)",
        "s",
    ),
    Option("query_wait", parse_seconds, "seconds from one query to the next, per QueryUser", "s"),
    Option(
        "query_range", parse_range, "time range of each query, like Grafana's picker ('1h')", "s"
    ),
    Option(
        "queries_file",
        parse_queries_file,
        "a file with one LogQL query per line (default: the ADR's)",
    ),
    Option("query_endpoints", parse_endpoints, f"comma-separated, from {', '.join(ENDPOINTS)}"),
    Option("shape", parse_shape, f"load shape: {', '.join(SHAPES)}"),
    Option("shape_at", parse_optional_seconds, "when the shape's change starts (seconds)", "s"),
    Option("shape_for", parse_optional_seconds, "how long the shape's change lasts (seconds)", "s"),
    Option("shape_factor", parse_factor, "spike: users x factor; log_bomb: push users x factor"),
    Option("seed", parse_seed, "seed for the workloads' lines"),
)
_BY_FIELD = {option.field: option for option in OPTIONS}
assert set(_BY_FIELD) == {f.name for f in fields(LoadOptions)}


def check_lines_per_stream(line_size: int, batch_bytes: int) -> None:
    """ValueError when a push's stream could hold more lines of `line_size` bytes than a
    push can stamp apart (client.py: an entry's index fills 3 bytes of its nanoseconds)."""
    if line_size and -(-batch_bytes // line_size) > MAX_STREAM_LINES:
        raise ValueError(
            f"expected batch_bytes / line_size to be at most {MAX_STREAM_LINES} lines per "
            f"stream, got {batch_bytes} / {line_size}"
        )


def from_values(values: Mapping[str, object]) -> LoadOptions:
    """LoadOptions from parsed or textual values; missing ones keep their defaults."""
    parsed = {
        name: _BY_FIELD[name].parse(value)
        for name, value in values.items()
        if name in _BY_FIELD and value is not None
    }
    options = LoadOptions(**parsed)
    check_lines_per_stream(options.line_size, options.batch_bytes)
    return options


def from_namespace(namespace: object) -> LoadOptions:
    """LoadOptions from Locust's parsed_options (command line, environment or web UI)."""
    return from_values({name: getattr(namespace, name, None) for name in _BY_FIELD})


def to_argv(options: LoadOptions) -> list[str]:
    """The command-line flags that give `options` (defaults left out)."""
    default = LoadOptions()
    argv: list[str] = []
    for option in OPTIONS:
        value = getattr(options, option.field)
        if value == getattr(default, option.field):
            continue
        argv += [option.flag, option.text(value)]
    return argv


def add_arguments(parser: Any) -> None:
    """Registers every option on Locust's (configargparse) parser, with its environment
    variable; argparse reports a bad value with the parser's message, before any user runs."""
    group = parser.add_argument_group("lokisim", "Loki push and query load (docs/load.md)")
    defaults = LoadOptions()
    for option in OPTIONS:
        group.add_argument(
            option.flag,
            type=_checked(option.parse),
            default=option.text(getattr(defaults, option.field)),
            env_var=option.env,
            help=option.help,
        )


def _checked(parse: Callable[[object], Any]) -> Callable[[str], Any]:
    def check(text: str) -> Any:
        try:
            return parse(text)
        except ValueError as err:
            raise argparse.ArgumentTypeError(str(err)) from None

    return check


def wanted_shapes(argv: Sequence[str], environ: Mapping[str, str]) -> list[str]:
    """The shapes to activate, peeked from the command line before Locust parses it (Locust
    collects shape classes when it imports the locustfile): the one --shape (or
    LOKISIM_LOAD_SHAPE) names, or all of them with --class-picker."""
    peek = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    peek.add_argument("--shape", default=environ.get("LOKISIM_LOAD_SHAPE", "none"))
    peek.add_argument("--class-picker", action="store_true")
    known, _ = peek.parse_known_args(list(argv))
    if known.class_picker:
        return list(SHAPES[1:])
    return [known.shape] if known.shape in SHAPES[1:] else []
