"""Errors of the Go text/template stand-in, worded like Go's own.

UserError
├── TemplateError                 parse error: `template: <name>:<line>: <msg>`
│   └── UnsupportedTemplateFeature  valid in Go, refused by lokisim (also UnsupportedFeature)
LokisimError
└── TemplateExecError             execution error: `template: <name>:<line>:<col>: executing ...`
"""

from __future__ import annotations

from sim.errors import LokisimError, UnsupportedFeature, UserError


class TemplateError(UserError):
    """A template does not parse; the message is Go's (`template: name:line: msg`)."""

    def __init__(self, name: str, line: int, message: str) -> None:
        self.name = name
        self.line = line
        self.detail = message
        UserError.__init__(self, f"template: {name}:{line}: {message}")


class UnsupportedTemplateFeature(TemplateError, UnsupportedFeature):
    """Go/Promtail/Loki accept this template, lokisim's engine does not: refuse, never guess."""

    def __init__(self, name: str, line: int, component: str, feature: str) -> None:
        self.component = component
        self.feature = feature
        TemplateError.__init__(
            self,
            name,
            line,
            f"{feature} is supported by {component} but not by lokisim's Go template "
            "stand-in; use the compose target or rewrite the template",
        )


class TemplateExecError(LokisimError):
    """Executing a template failed; the message is Go's ExecError text."""

    def __init__(self, message: str) -> None:
        self.detail = message
        super().__init__(message)


class GoError(Exception):
    """An `error` value returned by a Go function (or a recovered panic) inside a template call."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class UnsupportedAtRuntime(Exception):
    """Raised by a function stand-in for an input it cannot treat as Go would; becomes
    UnsupportedTemplateFeature with the template's name and line."""

    def __init__(self, component: str, feature: str) -> None:
        self.component = component
        self.feature = feature
        super().__init__(feature)
