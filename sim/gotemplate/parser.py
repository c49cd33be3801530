"""Builds the parse tree with the rules (and error texts) of text/template/parse/parse.go."""

from __future__ import annotations

from collections.abc import Callable, Container

from sim.golang.strconv import NumError, parse_float, parse_int, parse_uint
from sim.golang.strconv_quote import (
    MalformedChar,
    UnquoteError,
    quote,
    unquote,
    unquote_char_constant,
)
from sim.gotemplate import nodes as n
from sim.gotemplate.errors import TemplateError, UnsupportedTemplateFeature
from sim.gotemplate.lexer import Item, T, lex

MAX_STACK_DEPTH = 10000
GO_COMPONENT = "Go text/template"

_OPERAND_START = {
    T.BOOL,
    T.CHAR_CONSTANT,
    T.COMPLEX,
    T.DOT,
    T.FIELD,
    T.IDENTIFIER,
    T.NUMBER,
    T.NIL,
    T.RAW_STRING,
    T.STRING,
    T.VARIABLE,
    T.LEFT_PAREN,
}
_NON_EXECUTABLE = (n.BoolNode, n.DotNode, n.NilNode, n.NumberNode, n.StringNode)


class _Abort(Exception):
    def __init__(self, err: TemplateError) -> None:
        self.err = err


class Parser:
    def __init__(
        self,
        name: str,
        text: str,
        functions: Container[str],
        unsupported: Callable[[str], tuple[str, str] | None],
    ) -> None:
        self.name = name
        self.text = text
        self.functions = functions
        self.unsupported = unsupported
        self.items = lex(text, "break" not in functions, "continue" not in functions)
        self.index = 0
        self.token: list[Item] = [self.items[0]] * 3
        self.peek_count = 0
        self.vars = ["$"]
        self.action_line = 0
        self.range_depth = 0
        self.stack_depth = 0

    # -- token buffer (three-token look-ahead, as Go's Tree) -------------------
    def _lex_next(self) -> Item:
        item = self.items[min(self.index, len(self.items) - 1)]
        self.index += 1
        if self.index > len(self.items):
            return Item(T.EOF, item.pos, "", item.line)
        return item

    def next(self) -> Item:
        if self.peek_count > 0:
            self.peek_count -= 1
        else:
            self.token[0] = self._lex_next()
        return self.token[self.peek_count]

    def backup(self) -> None:
        self.peek_count += 1

    def backup2(self, t1: Item) -> None:
        self.token[1] = t1
        self.peek_count = 2

    def backup3(self, t2: Item, t1: Item) -> None:
        self.token[1] = t1
        self.token[2] = t2
        self.peek_count = 3

    def peek(self) -> Item:
        if self.peek_count > 0:
            return self.token[self.peek_count - 1]
        self.peek_count = 1
        self.token[0] = self._lex_next()
        return self.token[0]

    def next_non_space(self) -> Item:
        while True:
            token = self.next()
            if token.typ != T.SPACE:
                return token

    def peek_non_space(self) -> Item:
        token = self.next_non_space()
        self.backup()
        return token

    # -- errors ----------------------------------------------------------------
    def errorf(self, msg: str) -> None:
        raise _Abort(TemplateError(self.name, self.token[0].line, msg))

    def unsupported_feature(self, feature: str, component: str = GO_COMPONENT) -> None:
        raise _Abort(UnsupportedTemplateFeature(self.name, self.token[0].line, component, feature))

    def expect(self, expected: T, context: str) -> Item:
        token = self.next_non_space()
        if token.typ != expected:
            self.unexpected(token, context)
        return token

    def unexpected(self, token: Item, context: str) -> None:
        if token.typ == T.ERROR:
            extra = ""
            if self.action_line != 0 and self.action_line != token.line:
                extra = f" in action started at {self.name}:{self.action_line}"
                if token.val.endswith(" action"):
                    extra = extra[len(" in action") :]
            self.errorf(f"{token}{extra}")
        self.errorf(f"unexpected {token} in {context}")

    # -- grammar -----------------------------------------------------------------
    def parse(self) -> n.ListNode:
        try:
            return self._parse()
        except _Abort as abort:
            raise abort.err from None

    def _parse(self) -> n.ListNode:
        root = n.ListNode(self.peek().pos)
        while self.peek().typ != T.EOF:
            if self.peek().typ == T.LEFT_DELIM:
                delim = self.next()
                if self.next_non_space().typ == T.DEFINE:
                    self.unsupported_feature("{{define}}")
                self.backup2(delim)
            node = self.text_or_action()
            if isinstance(node, (n.EndNode, n.ElseNode)):
                self.errorf(f"unexpected {node}")
            root.nodes.append(node)
        return root

    def item_list(self) -> tuple[n.ListNode, n.Node]:
        lst = n.ListNode(self.peek_non_space().pos)
        while self.peek_non_space().typ != T.EOF:
            node = self.text_or_action()
            if isinstance(node, (n.EndNode, n.ElseNode)):
                return lst, node
            lst.nodes.append(node)
        self.errorf("unexpected EOF")
        raise AssertionError("unreachable")

    def text_or_action(self) -> n.Node:
        token = self.next_non_space()
        if token.typ == T.TEXT:
            return n.TextNode(token.pos, token.val)
        if token.typ == T.LEFT_DELIM:
            self.action_line = token.line
            try:
                return self.action()
            finally:
                self.action_line = 0
        self.unexpected(token, "input")
        raise AssertionError("unreachable")

    def action(self) -> n.Node:
        token = self.next_non_space()
        typ = token.typ
        if typ in (T.BLOCK, T.TEMPLATE):
            self.unsupported_feature("{{" + token.val + "}}")
        if typ in (T.BREAK, T.CONTINUE):
            nxt = self.next_non_space()
            if nxt.typ != T.RIGHT_DELIM:
                self.unexpected(nxt, "{{" + token.val + "}}")
            if self.range_depth == 0:
                self.errorf("{{" + token.val + "}} outside {{range}}")
            cls = n.BreakNode if typ == T.BREAK else n.ContinueNode
            return cls(token.pos, token.line)
        if typ == T.ELSE:
            return self.else_control()
        if typ == T.END:
            return n.EndNode(self.expect(T.RIGHT_DELIM, "end").pos)
        if typ == T.IF:
            return n.IfNode(*self.parse_control("if"))
        if typ == T.RANGE:
            return n.RangeNode(*self.parse_control("range"))
        if typ == T.WITH:
            return n.WithNode(*self.parse_control("with"))
        self.backup()
        token = self.peek()
        return n.ActionNode(token.pos, token.line, self.pipeline("command", T.RIGHT_DELIM))

    def else_control(self) -> n.Node:
        peek = self.peek_non_space()
        if peek.typ in (T.IF, T.WITH):
            return n.ElseNode(peek.pos, peek.line)
        token = self.expect(T.RIGHT_DELIM, "else")
        return n.ElseNode(token.pos, token.line)

    def parse_control(
        self, context: str
    ) -> tuple[int, int, n.PipeNode, n.ListNode, n.ListNode | None]:
        saved = len(self.vars)
        try:
            pipe = self.pipeline(context, T.RIGHT_DELIM)
            if context == "range":
                self.range_depth += 1
            body, nxt = self.item_list()
            if context == "range":
                self.range_depth -= 1
            else_body: n.ListNode | None = None
            if isinstance(nxt, n.ElseNode):
                if context == "if" and self.peek().typ == T.IF:
                    self.next()
                    else_body = n.ListNode(nxt.pos, [n.IfNode(*self.parse_control("if"))])
                elif context == "with" and self.peek().typ == T.WITH:
                    self.next()
                    else_body = n.ListNode(nxt.pos, [n.WithNode(*self.parse_control("with"))])
                else:
                    else_body, nxt = self.item_list()
                    if not isinstance(nxt, n.EndNode):
                        self.errorf(f"expected end; found {nxt}")
            return pipe.pos, pipe.line, pipe, body, else_body
        finally:
            del self.vars[saved:]

    def pipeline(self, context: str, end: T) -> n.PipeNode:
        token = self.peek_non_space()
        pipe = n.PipeNode(token.pos, token.line)
        self._declarations(pipe, context)
        while True:
            token = self.next_non_space()
            if token.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if token.typ in _OPERAND_START:
                self.backup()
                pipe.cmds.append(self.command())
            else:
                self.unexpected(token, context)

    def _declarations(self, pipe: n.PipeNode, context: str) -> None:
        while True:
            v = self.peek_non_space()
            if v.typ != T.VARIABLE:
                return
            self.next()
            after = self.peek()
            nxt = self.peek_non_space()
            if nxt.typ in (T.ASSIGN, T.DECLARE):
                pipe.is_assign = nxt.typ == T.ASSIGN
                self.next_non_space()
                pipe.decl.append(n.VariableNode(v.pos, v.val.split(".")))
                self.vars.append(v.val)
                return
            if nxt.typ == T.CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(n.VariableNode(v.pos, v.val.split(".")))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (T.VARIABLE, T.RIGHT_DELIM, T.RIGHT_PAREN):
                        continue  # the second variable of a range
                    self.errorf("range can only initialize variables")
                self.errorf(f"too many declarations in {context}")
            if after.typ == T.SPACE:
                self.backup3(v, after)
            else:
                self.backup2(v)
            return

    def check_pipeline(self, pipe: n.PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.errorf(f"missing value for {context}")
        for i, cmd in enumerate(pipe.cmds[1:]):
            if isinstance(cmd.args[0], _NON_EXECUTABLE):
                self.errorf(f"non executable command in pipeline stage {i + 2}")

    def command(self) -> n.CommandNode:
        cmd = n.CommandNode(self.peek_non_space().pos)
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            token = self.next()
            if token.typ == T.SPACE:
                continue
            if token.typ in (T.RIGHT_DELIM, T.RIGHT_PAREN):
                self.backup()
            elif token.typ != T.PIPE:
                self.unexpected(token, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self) -> n.Node | None:
        node = self.term()
        if node is None:
            return None
        if self.peek().typ == T.FIELD:
            chain = n.ChainNode(self.peek().pos, node)
            while self.peek().typ == T.FIELD:
                chain.fields.append(self.next().val[1:])
            if isinstance(node, n.FieldNode):
                return n.FieldNode(chain.pos, chain.text()[1:].split("."))
            if isinstance(node, n.VariableNode):
                return n.VariableNode(chain.pos, chain.text().split("."))
            if isinstance(node, _NON_EXECUTABLE):
                self.errorf(f"unexpected . after term {quote(node.text())}")
            return chain
        return node

    def term(self) -> n.Node | None:
        token = self.next_non_space()
        typ = token.typ
        if typ == T.IDENTIFIER:
            if token.val not in self.functions:
                self.errorf(f"function {quote(token.val)} not defined")
            refused = self.unsupported(token.val)
            if refused is not None:
                self.unsupported_feature(refused[1], refused[0])
            return n.IdentifierNode(token.pos, token.val)
        if typ == T.DOT:
            return n.DotNode(token.pos)
        if typ == T.NIL:
            return n.NilNode(token.pos)
        if typ == T.VARIABLE:
            return self.use_var(token.pos, token.val)
        if typ == T.FIELD:
            return n.FieldNode(token.pos, token.val[1:].split("."))
        if typ == T.BOOL:
            return n.BoolNode(token.pos, token.val == "true")
        if typ in (T.CHAR_CONSTANT, T.COMPLEX, T.NUMBER):
            return self.number(token)
        if typ == T.LEFT_PAREN:
            if self.stack_depth >= MAX_STACK_DEPTH:
                self.errorf("max expression depth exceeded")
            self.stack_depth += 1
            try:
                return self.pipeline("parenthesized pipeline", T.RIGHT_PAREN)
            finally:
                self.stack_depth -= 1
        if typ in (T.STRING, T.RAW_STRING):
            try:
                value = unquote(token.val)
            except UnquoteError as err:
                self.errorf(str(err))
            return n.StringNode(token.pos, token.val, value)
        self.backup()
        return None

    def use_var(self, pos: int, name: str) -> n.VariableNode:
        v = n.VariableNode(pos, name.split("."))
        if v.ident[0] not in self.vars:
            self.errorf(f"undefined variable {quote(v.ident[0])}")
        return v

    def number(self, token: Item) -> n.NumberNode:
        text = token.val
        node = n.NumberNode(token.pos, text)
        if token.typ == T.COMPLEX or (text.endswith("i") and not text.startswith("0x")):
            self.unsupported_feature(f"the complex constant {text}")
        if token.typ == T.CHAR_CONSTANT:
            try:
                r = unquote_char_constant(text)
            except (UnquoteError, MalformedChar) as err:
                self.errorf(str(err))
            node.is_int = node.is_uint = node.is_float = True
            node.int64 = node.uint64 = r
            node.float64 = float(r)
            return node
        try:
            node.uint64 = parse_uint(text, 0)
            node.is_uint = True
        except NumError:
            pass
        try:
            node.int64 = parse_int(text, 0)
            node.is_int = True
            if node.int64 == 0:
                node.is_uint = True
                node.uint64 = 0
        except NumError:
            pass
        if node.is_int:
            node.is_float, node.float64 = True, float(node.int64)
        elif node.is_uint:
            node.is_float, node.float64 = True, float(node.uint64)
        else:
            try:
                f = parse_float(text)
            except NumError:
                f = None
            if f is not None:
                if not any(c in text for c in ".eEpP"):
                    self.errorf(f"integer overflow: {quote(text)}")
                node.is_float, node.float64 = True, f
                if f == f and abs(f) != float("inf"):
                    if -(1 << 63) <= int(f) < (1 << 63) and float(int(f)) == f:
                        node.is_int, node.int64 = True, int(f)
                    if 0 <= int(f) < (1 << 64) and float(int(f)) == f:
                        node.is_uint, node.uint64 = True, int(f)
        if not (node.is_int or node.is_uint or node.is_float):
            self.errorf(f"illegal number syntax: {quote(text)}")
        return node


def parse(
    name: str,
    text: str,
    functions: Container[str],
    unsupported: Callable[[str], tuple[str, str] | None] = lambda _name: None,
) -> n.ListNode:
    """Parse `text`; raise TemplateError worded as Go's parser would."""
    return Parser(name, text, functions, unsupported).parse()
