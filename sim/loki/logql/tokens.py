"""LogQL's terminal symbols, numbered and named as Loki's generated parser numbers and names them.

Facts from grafana/loki v3.6.0 `pkg/logql/syntax/syntax.y` (declaration order, which fixes
yacc's token numbers and so the order of "expecting A or B" in syntax errors; `%left`/`%right`
precedence) and `lex.go` (the `tokens` map, whose keys replace the upper-case names in error
messages, and `functionTokens`, the words that are keywords only when followed by `(` or by
`by (`/`without (`).
"""

from __future__ import annotations

from typing import Final

# yacc's three built-in symbols come first: $end=1, error=2, $unk=3, then syntax.y's order.
TOKEN_ORDER: Final[tuple[str, ...]] = (
    "$end", "error", "$unk",
    "BYTES", "IDENTIFIER", "STRING", "NUMBER", "FUNCTION_FLAG", "DURATION", "RANGE",
    "MATCHERS", "LABELS", "EQ", "RE", "NRE", "NPA", "OPEN_BRACE", "CLOSE_BRACE",
    "OPEN_BRACKET", "CLOSE_BRACKET", "COMMA", "DOT", "PIPE_MATCH", "PIPE_EXACT",
    "PIPE_PATTERN", "OPEN_PARENTHESIS", "CLOSE_PARENTHESIS", "BY", "WITHOUT",
    "COUNT_OVER_TIME", "RATE", "RATE_COUNTER", "SUM", "SORT", "SORT_DESC", "AVG", "MAX",
    "MIN", "COUNT", "STDDEV", "STDVAR", "BOTTOMK", "TOPK", "APPROX_TOPK", "BYTES_OVER_TIME",
    "BYTES_RATE", "BOOL", "JSON", "REGEXP", "LOGFMT", "PIPE", "LINE_FMT", "LABEL_FMT",
    "UNWRAP", "AVG_OVER_TIME", "SUM_OVER_TIME", "MIN_OVER_TIME", "MAX_OVER_TIME",
    "STDVAR_OVER_TIME", "STDDEV_OVER_TIME", "QUANTILE_OVER_TIME", "BYTES_CONV",
    "DURATION_CONV", "DURATION_SECONDS_CONV", "FIRST_OVER_TIME", "LAST_OVER_TIME",
    "ABSENT_OVER_TIME", "VECTOR", "LABEL_REPLACE", "UNPACK", "OFFSET", "PATTERN", "IP", "ON",
    "IGNORING", "GROUP_LEFT", "GROUP_RIGHT", "DECOLORIZE", "DROP", "KEEP", "VARIANTS", "OF",
    "OR", "AND", "UNLESS", "CMP_EQ", "NEQ", "LT", "LTE", "GT", "GTE", "ADD", "SUB", "MUL",
    "DIV", "MOD", "POW",
)  # fmt: skip

TOKEN_NUMBER: Final[dict[str, int]] = {name: i + 1 for i, name in enumerate(TOKEN_ORDER)}
END: Final = TOKEN_NUMBER["$end"]
ERROR: Final = TOKEN_NUMBER["error"]
FIRST_REAL_TOKEN: Final = 4  # goyacc's TOKSTART: $end, error and $unk never appear as "expecting"

# lex.go `tokens`: spelling -> token. parser.go's init() also makes these the display names.
KEYWORDS: Final[dict[str, str]] = {
    ",": "COMMA", ".": "DOT", "{": "OPEN_BRACE", "}": "CLOSE_BRACE", "=": "EQ", "!=": "NEQ",
    "=~": "RE", "!~": "NRE", "!>": "NPA", "|=": "PIPE_EXACT", "|~": "PIPE_MATCH",
    "|>": "PIPE_PATTERN", "|": "PIPE", "unwrap": "UNWRAP", "(": "OPEN_PARENTHESIS",
    ")": "CLOSE_PARENTHESIS", "by": "BY", "without": "WITHOUT", "bool": "BOOL",
    "[": "OPEN_BRACKET", "]": "CLOSE_BRACKET", "label_replace": "LABEL_REPLACE",
    "offset": "OFFSET", "on": "ON", "ignoring": "IGNORING", "group_left": "GROUP_LEFT",
    "group_right": "GROUP_RIGHT", "or": "OR", "and": "AND", "unless": "UNLESS", "+": "ADD",
    "-": "SUB", "*": "MUL", "/": "DIV", "%": "MOD", "^": "POW", "==": "CMP_EQ", ">": "GT",
    ">=": "GTE", "<": "LT", "<=": "LTE", "json": "JSON", "regexp": "REGEXP",
    "logfmt": "LOGFMT", "unpack": "UNPACK", "pattern": "PATTERN", "label_format": "LABEL_FMT",
    "line_format": "LINE_FMT", "ip": "IP", "decolorize": "DECOLORIZE", "drop": "DROP",
    "keep": "KEEP", "variants": "VARIANTS", "of": "OF",
}  # fmt: skip

# lex.go `functionTokens`: keywords only when a `(` (or `by (`/`without (`) follows.
FUNCTION_WORDS: Final[dict[str, str]] = {
    "rate": "RATE", "rate_counter": "RATE_COUNTER", "count_over_time": "COUNT_OVER_TIME",
    "bytes_rate": "BYTES_RATE", "bytes_over_time": "BYTES_OVER_TIME",
    "avg_over_time": "AVG_OVER_TIME", "sum_over_time": "SUM_OVER_TIME",
    "min_over_time": "MIN_OVER_TIME", "max_over_time": "MAX_OVER_TIME",
    "stdvar_over_time": "STDVAR_OVER_TIME", "stddev_over_time": "STDDEV_OVER_TIME",
    "quantile_over_time": "QUANTILE_OVER_TIME", "first_over_time": "FIRST_OVER_TIME",
    "last_over_time": "LAST_OVER_TIME", "absent_over_time": "ABSENT_OVER_TIME",
    "vector": "VECTOR", "sum": "SUM", "avg": "AVG", "max": "MAX", "min": "MIN",
    "count": "COUNT", "stddev": "STDDEV", "stdvar": "STDVAR", "bottomk": "BOTTOMK",
    "topk": "TOPK", "sort": "SORT", "sort_desc": "SORT_DESC", "label_replace": "LABEL_REPLACE",
    "approx_topk": "APPROX_TOPK", "bytes": "BYTES_CONV", "duration": "DURATION_CONV",
    "duration_seconds": "DURATION_SECONDS_CONV", "ip": "IP",
}  # fmt: skip

PARSER_FLAGS: Final[frozenset[str]] = frozenset({"--strict", "--keep-empty"})

_DISPLAY: Final[dict[str, str]] = {token: spelling for spelling, token in KEYWORDS.items()}


def display_name(token: str) -> str:
    """The name a Loki syntax error uses for a token: its spelling if lex.go has one."""
    return _DISPLAY.get(token, token)


# syntax.y: `%left OR`, `%left AND UNLESS`, ... `%right POW`; higher level binds tighter.
LEFT, RIGHT = "left", "right"
PRECEDENCE: Final[dict[str, tuple[int, str]]] = {
    "OR": (1, LEFT),
    **{t: (2, LEFT) for t in ("AND", "UNLESS")},
    **{t: (3, LEFT) for t in ("CMP_EQ", "NEQ", "LT", "LTE", "GT", "GTE")},
    **{t: (4, LEFT) for t in ("ADD", "SUB")},
    **{t: (5, LEFT) for t in ("MUL", "DIV", "MOD")},
    "POW": (6, RIGHT),
}
