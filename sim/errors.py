"""lokisim's one exception tree.

    LokisimError                 every error lokisim raises on purpose
    ├── UserError                bad input from the user: exit code 2, no traceback
    │   ├── ConfigError          (also ValueError) a file the user gave is invalid
    │   │   ├── ScenarioError    a scenario YAML file
    │   │   ├── AgentConfigError a Promtail config file
    │   │   └── LokiConfigError  a Loki config file
    │   ├── UsageError           command-line arguments
    │   └── UnsupportedFeature   a real Loki/Promtail feature the stand-in does not implement
    └── ToolError                lokisim itself failed (a component died, a port would not bind)

A *finding* (the configuration under test misbehaves) is not an exception: it is a
failed expectation in the report, and exit code 1.
"""

from __future__ import annotations


class LokisimError(Exception):
    """Root of every error lokisim raises on purpose."""

    exit_code = 2


class UserError(LokisimError):
    """The user's input is wrong; the message says where and why."""


class ConfigError(UserError, ValueError):
    """A file the user gave is invalid: `file: field: expected ..., got ...`."""

    def __init__(self, path: str, field: str, message: str) -> None:
        self.path = path
        self.field = field
        self.detail = message
        where = f"{path}: {field}" if field else path
        super().__init__(f"{where}: {message}")


class ScenarioError(ConfigError):
    """A scenario file is invalid."""


class AgentConfigError(ConfigError):
    """A Promtail configuration file is invalid."""


class LokiConfigError(ConfigError):
    """A Loki configuration file is invalid."""


class UsageError(UserError):
    """Command-line arguments are wrong."""


class UnsupportedFeature(UserError):
    """The real system supports this, the stand-in does not: we refuse rather than ignore."""

    def __init__(self, component: str, feature: str) -> None:
        self.component = component
        self.feature = feature
        super().__init__(
            f"{component}: {feature} is supported by the real system but not by lokisim's "
            "stand-in; use the compose target or remove it"
        )


class ToolError(LokisimError):
    """lokisim itself failed; not a finding about the configuration under test."""

    exit_code = 3
