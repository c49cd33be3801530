"""Read a Loki 3.6 config file the way `loki -config.file=PATH` does, then check support.

Order and words follow cmd/loki/main.go: expand `${VAR}` if asked, strict YAML decoding
("failed parsing config: PATH: yaml: unmarshal errors: ..."), the `common` section, the log
level, Config.Validate ("validating config: CONFIG ERROR: ..."). A file Loki would refuse
raises LokiConfigError with Loki's text as its detail; a file Loki would run but the
stand-in cannot raises UnsupportedFeature.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path

import yaml

from sim.errors import LokiConfigError
from sim.loki.config import messages as m
from sim.loki.config import support, yamlv2
from sim.loki.config.build import build
from sim.loki.config.checks import SchemaPanic, validate
from sim.loki.config.common import DynamicConfigError, FileValues
from sim.loki.config.decode import UnmarshalAbort, UnmarshalErrors, decode_config
from sim.loki.config.expand import ExpandError
from sim.loki.config.expand import expand_env as envsubst
from sim.loki.config.model import LokiConfig
from sim.loki.limits import KNOWN_LIMITS_KEYS, Limits


def load_loki_config(
    path: str | Path,
    *,
    expand_env: bool = False,
    environ: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> LokiConfig:
    """Load, validate as Loki 3.6 does, and refuse what the embedded Loki lacks.

    `environ` (default os.environ) feeds `expand_env`; `now` (default the current time)
    picks the active schema period, as Loki's ActivePeriodConfig does.
    """
    cfg = parse_loki_config(path, expand_env=expand_env, environ=environ, now=now)
    support.require_supported(cfg)
    return cfg


def parse_loki_config(
    path: str | Path,
    *,
    expand_env: bool = False,
    environ: Mapping[str, str] | None = None,
    now: dt.datetime | None = None,
) -> LokiConfig:
    """Everything real Loki checks, nothing the stand-in adds (support is not checked)."""
    where = str(path)
    text = _read(where, expand_env, os.environ if environ is None else environ)
    try:
        root = yamlv2.parse_document(text)
        decoded = decode_config(root)
        limits = _limits(root, where)
    except (yamlv2.YamlSyntaxError, UnmarshalErrors, UnmarshalAbort) as err:
        raise _parse_error(where, f"{where}: {err}", expand_env) from None
    plain = yamlv2.plain_value(root) if root is not None else {}
    try:
        cfg = build(decoded, plain if isinstance(plain, dict) else {}, limits, Path(path))
    except DynamicConfigError as err:
        raise _parse_error(where, str(err), expand_env=True) from None
    if not cfg.server.log_level:  # main.go: a zeroed log.Level (e.g. `server:` left empty)
        raise LokiConfigError(where, "server.log_level", "invalid log level")
    try:
        errors = validate(cfg, FileValues(decoded), now or dt.datetime.now(dt.UTC))
    except SchemaPanic as err:
        raise LokiConfigError(where, "schema_config", f"{err} (Loki 3.6 crashes here)") from None
    if errors:
        detail = m.go_sprintf(m.VALIDATING_CONFIG, "\n".join(errors))
        raise LokiConfigError(where, "", detail)
    return cfg


def _read(where: str, expand: bool, environ: Mapping[str, str]) -> str:
    try:
        text = Path(where).read_text(encoding="utf-8")
    except FileNotFoundError:
        message = f"{where} does not exist, set config.file for custom config path"
        raise LokiConfigError(where, "", m.go_sprintf(m.FAILED_PARSING, message)) from None
    except UnicodeDecodeError:
        raise _parse_error(where, f"{where}: yaml: invalid leading UTF-8 octet", expand) from None
    if not expand:
        return text
    try:
        return envsubst(text, environ)
    except ExpandError as err:  # cfg.YAML returns envsubst's error unwrapped
        raise LokiConfigError(where, "", m.go_sprintf(m.FAILED_PARSING, err)) from None


def _parse_error(where: str, message: str, expand_env: bool) -> LokiConfigError:
    if not expand_env:  # pkg/util/cfg/files.go ConfigFileLoader adds the hint
        message = m.go_sprintf(m.EXPAND_ENV_HINT, message)
    return LokiConfigError(where, "", m.go_sprintf(m.FAILED_PARSING, message))


def _limits(root: yaml.Node | None, where: str) -> Limits:
    """limits_config through sim.loki.limits, from the values as the file wrote them."""
    node = _child(root, "limits_config")
    if node is None:
        return Limits.from_mapping({}, where)
    if yamlv2.is_null(node):  # zero values, as for any section left empty
        return Limits.from_mapping(dict.fromkeys(KNOWN_LIMITS_KEYS), where)
    values = yamlv2.plain_value(node)
    try:
        return Limits.from_mapping(values if isinstance(values, dict) else {}, where)
    except LokiConfigError as err:  # the decoder accepted what limits.py refuses
        raise UnmarshalAbort(f"{err.field}: {err.detail}") from None


def _child(root: yaml.Node | None, key: str) -> yaml.Node | None:
    if not isinstance(root, yaml.MappingNode):
        return None
    found = None
    for key_node, value_node in root.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            found = value_node
    return found
