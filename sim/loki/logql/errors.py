"""LogQL errors, worded as Loki 3.6 words them (Loki answers all of these with HTTP 400).

    UserError
    └── LogQLError                 a query Loki rejects
        ├── LogQLParseError        logqlmodel.ParseError: "parse error at line L, col C: ..."
        ├── NotALogSelectorError   syntax.ParseLogSelector: "only log selector is supported"
        ├── NotMatchersError       syntax.ParseMatchers: "only label matchers are supported"
        └── NotASampleExprError    syntax.ParseSampleExpr: "only sample expression supported"

Verbatim strings below come from grafana/loki v3.6.0: pkg/logql/syntax/parser.go,
pkg/logql/syntax/ast.go and pkg/logqlmodel/error.go.
"""

from __future__ import annotations

from sim.errors import UserError

ERR_EMPTY_COMPATIBLE_MATCHERS = (
    "queries require at least one regexp or equality matcher that does not have an "
    'empty-compatible value. For instance, app=~".*" does not meet this requirement, '
    'but app=~".+" will'
)
ERR_ONLY_LOG_SELECTOR = "only log selector is supported"
ERR_ONLY_MATCHERS = "only label matchers are supported"
ERR_ONLY_SAMPLE = "only sample expression supported"
MAX_INPUT_SIZE = 131072  # parser.go maxInputSize


class LogQLError(UserError):
    """A LogQL query Loki would reject with HTTP 400."""

    status_code = 400


class LogQLParseError(LogQLError):
    """logqlmodel.ParseError. `line`/`col` are 0 when Loki reports no position.

    Loki prints "parse error : msg" only when both are 0; a line of 0 with a column (after
    the lexer glued two characters, as in `[5m]` or `|=`) is printed as it is.
    """

    def __init__(self, message: str, line: int = 0, col: int = 0) -> None:
        self.message = message
        self.line = line
        self.col = col
        if line == 0 and col == 0:
            text = f"parse error : {message}"
        else:
            text = f"parse error at line {line}, col {col}: {message}"
        super().__init__(text)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, LogQLParseError):
            return NotImplemented
        return (self.message, self.line, self.col) == (other.message, other.line, other.col)

    def __hash__(self) -> int:
        return hash((self.message, self.line, self.col))


class NotALogSelectorError(LogQLError):
    """ParseLogSelector was given a metric query (a plain error in Loki, not a ParseError)."""

    def __init__(self) -> None:
        super().__init__(ERR_ONLY_LOG_SELECTOR)


class NotMatchersError(LogQLError):
    """ParseMatchers was given more than a stream selector."""

    def __init__(self) -> None:
        super().__init__(ERR_ONLY_MATCHERS)


class NotASampleExprError(LogQLError):
    """ParseSampleExpr was given a log query."""

    def __init__(self) -> None:
        super().__init__(ERR_ONLY_SAMPLE)
