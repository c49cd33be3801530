"""compile_template and Template: parse once, execute per log line."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from sim.gotemplate import nodes as n
from sim.gotemplate.builtins import BUILTINS
from sim.gotemplate.execstate import State
from sim.gotemplate.execute import Compiler
from sim.gotemplate.gotypes import StrMap
from sim.gotemplate.parser import parse
from sim.gotemplate.signature import FuncMap, GoFunc, Unsupported, as_gofunc

MissingKey = Literal["default", "zero", "error"]
DataType = Literal["map[string]interface {}", "map[string]string"]


class Template:
    """A parsed template. `execute` is safe to call repeatedly (and from several threads)."""

    def __init__(
        self,
        name: str,
        text: str,
        root: n.ListNode,
        run: Callable[[State, Any], None],
        string_map: bool,
    ) -> None:
        self.name = name
        self.text = text
        self.root = root
        self._run = run
        self._string_map = string_map

    def execute(self, data: Any) -> str:
        """Render with `data` as dot; raises TemplateExecError as Go's Execute would fail.

        With data_type map[string]string the mapping is copied (Go's zero value "" for a
        missing key needs to know it); sprig's set/unset may change a map[string]interface{}
        mapping in place, as in Go.
        """
        if self._string_map and type(data) is not StrMap and data is not None:
            data = StrMap(data)
        st = State(data)
        self._run(st, data)
        out = "".join(st.out)
        if out.isascii():
            return out
        return _valid_utf8(out)

    @property
    def simple_key(self) -> str | None:
        """The key of a template that is exactly `{{.key}}` (Loki's line_format shortcut,
        fmt.go NewFormatter: one action, one command, one single-name field)."""
        nodes = self.root.nodes
        if len(nodes) != 1 or not isinstance(nodes[0], n.ActionNode):
            return None
        cmds = nodes[0].pipe.cmds
        if len(cmds) != 1 or len(cmds[0].args) != 1:
            return None
        arg = cmds[0].args[0]
        if isinstance(arg, n.FieldNode) and len(arg.ident) == 1:
            return arg.ident[0]
        return None

    def field_names(self) -> list[str]:
        """Field names the template reads, in order, once each (Loki's RequiredLabelNames)."""
        seen: dict[str, None] = {}
        for name in _fields([self.root]):
            if name:
                seen.setdefault(name)
        return list(seen)


def _fields(nodes: list[n.Node]) -> list[str]:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, n.PipeNode):
            out += _pipe_fields(node)
        elif isinstance(node, n.ActionNode):
            out += _pipe_fields(node.pipe)
        elif isinstance(node, n.ListNode):
            out += _fields(node.nodes)
        elif isinstance(node, n.CommandNode):
            out += _fields(node.args)
        elif isinstance(node, n.BranchNode):
            out += _pipe_fields(node.pipe) + _fields(node.body.nodes)
            if node.else_body is not None:
                out += _fields(node.else_body.nodes)
        elif isinstance(node, n.FieldNode):
            out += node.ident
    return out


def _pipe_fields(pipe: n.PipeNode) -> list[str]:
    return [name for cmd in pipe.cmds for name in _fields(cmd.args)]


def _valid_utf8(s: str) -> str:
    """Invalid UTF-8 bytes (kept while executing, for Go's byte semantics) leave as U+FFFD."""
    try:
        s.encode("utf-8")
        return s
    except UnicodeEncodeError:
        return s.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def compile_template(
    text: str,
    *,
    name: str,
    funcs: FuncMap,
    missingkey: MissingKey = "default",
    data_type: DataType = "map[string]interface {}",
) -> Template:
    """Parse `text` as Go's template.New(name).Funcs(funcs).Parse(text) would.

    missingkey is Go's Option("missingkey=..."): Loki's line_format/label_format use "zero",
    Promtail "default". data_type is the Go type of the data given to execute: Loki and
    Promtail's replace stage pass map[string]string, Promtail's template stage
    map[string]interface{}. Raises TemplateError (Go's parse error text) or
    UnsupportedTemplateFeature.
    """
    table: dict[str, GoFunc | Unsupported] = {}
    for key, value in funcs.items():
        table[key] = value if isinstance(value, (GoFunc, Unsupported)) else as_gofunc(value)
    known = set(table) | set(BUILTINS)

    def refused(fname: str) -> tuple[str, str] | None:
        entry = table.get(fname, BUILTINS.get(fname))
        if isinstance(entry, Unsupported):
            return entry.component, entry.feature
        return None

    root = parse(name, text, known, refused)
    callable_funcs = {k: v for k, v in table.items() if isinstance(v, GoFunc)}
    builtins = {k: v for k, v in BUILTINS.items() if isinstance(v, GoFunc)}
    compiler = Compiler(name, text, callable_funcs, builtins)
    compiler.missingkey = missingkey
    return Template(name, text, root, compiler.walk_list(root), data_type == "map[string]string")
