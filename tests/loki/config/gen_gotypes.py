"""Regenerate sim/loki/config/gotypes36.yaml from grafana/loki's Go source at v3.6.0.

    python -m tests.loki.config.gen_gotypes [GIT_DIR] > sim/loki/config/gotypes36.yaml

It walks the structs yaml.v2 decodes a config file into, starting at loki.ConfigWrapper
(pkg/loki/config_wrapper.go), following `yaml:"..."` tags through pkg/ and vendor/, and
writes for each type the facts the strict decoder needs: its kind, the name Go's
reflect.Type.String() prints in yaml.v2 errors, and the yaml keys of structs. Source is read
from the git mirror (`git cat-file --batch`), so no checkout is needed. gofmt'ed Go is
regular enough for line-oriented parsing; anything it cannot classify becomes `any`
(accepted as is), and the run prints what that was to stderr.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field

DEFAULT_GIT_DIR = "/work/.mirror/grafana+loki/repo"
TAG = "v3.6.0"
LOKI_MODULE = "github.com/grafana/loki/v3/"
BASIC = set(
    [
        "bool",
        "string",
        "int",
        "int8",
        "int16",
        "int32",
        "int64",
        "uint",
        "uint8",
        "uint16",
        "uint32",
        "uint64",
        "float32",
        "float64",
        "uintptr",
        "byte",
        "rune",
    ]
)
# Types whose UnmarshalYAML decodes a helper struct rather than the type itself
# (pkg/storage/config/schema_config.go: IndexPeriodicTableConfig, PeriodicTableConfig).
ANON_OVERRIDES = {
    "pkg/storage/config.IndexPeriodicTableConfig": [
        ("PathPrefix", "string", "path_prefix"),
        ("Prefix", "string", "prefix"),
        ("Period", "model.Duration", "period"),
        ("Tags", "config.Tags", "tags"),
    ],
    "pkg/storage/config.PeriodicTableConfig": [
        ("Prefix", "string", "prefix"),
        ("Period", "model.Duration", "period"),
        ("Tags", "config.Tags", "tags"),
    ],
}


class GitSource:
    """Files of one tag of a git mirror, through a single `git cat-file --batch`."""

    def __init__(self, git_dir: str) -> None:
        self.git_dir = git_dir
        self.proc = subprocess.Popen(
            ["git", f"--git-dir={git_dir}", "cat-file", "--batch"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )

    def close(self) -> None:
        assert self.proc.stdin
        self.proc.stdin.close()
        self.proc.wait()
        if self.proc.stdout:
            self.proc.stdout.close()

    def list_go_files(self, directory: str) -> list[str]:
        out = subprocess.run(
            ["git", f"--git-dir={self.git_dir}", "ls-tree", "--name-only", f"{TAG}:{directory}"],
            capture_output=True,
            text=True,
            check=False,
        )
        if out.returncode != 0:
            return []
        return [
            f"{directory}/{name}"
            for name in out.stdout.split()
            if name.endswith(".go") and not name.endswith("_test.go")
        ]

    def read(self, path: str) -> str:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(f"{TAG}:{path}\n".encode())
        self.proc.stdin.flush()
        header = self.proc.stdout.readline().decode().split()
        if header[-1] == "missing":
            return ""
        data = self.proc.stdout.read(int(header[2]))
        self.proc.stdout.read(1)
        return data.decode("utf-8", "replace")


@dataclass
class Package:
    path: str
    name: str
    types: dict[str, tuple[str, dict[str, str]]] = field(default_factory=dict)
    methods: dict[str, dict[str, str]] = field(default_factory=dict)


def repo_dir(import_path: str) -> str:
    if import_path.startswith(LOKI_MODULE):
        return import_path[len(LOKI_MODULE) :]
    return "vendor/" + import_path


def parse_imports(src: str) -> dict[str, str]:
    lines = [line for block in re.findall(r"^import \((.*?)^\)", src, re.S | re.M) for line in
             block.splitlines()]  # fmt: skip
    lines += re.findall(r"^import (.*)$", src, re.M)
    out: dict[str, str] = {}
    for line in lines:
        m = re.match(r'\s*(?:(\w+|\.|_)\s+)?"([^"]+)"', line)
        if not m or m.group(1) == "_":
            continue
        alias, path = m.group(1), m.group(2)
        if alias is None:
            parts = path.split("/")
            alias = parts[-2] if re.fullmatch(r"v\d+", parts[-1]) else parts[-1]
            alias = re.sub(r"^go-|\.v\d+$", "", alias).replace("-", "_")
        out[alias] = path
    return out


def matching_brace(src: str, start: int) -> int:
    depth, i = 0, start
    while i < len(src):
        c = src[i]
        if c == "`":
            i = src.index("`", i + 1)
        elif c == '"':
            i += 1
            while src[i] != '"':
                i += 2 if src[i] == "\\" else 1
        elif src.startswith("//", i):
            i = src.index("\n", i)
            continue
        elif c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    raise ValueError("unbalanced braces")


def load_package(source: GitSource, import_path: str) -> Package | None:
    files = source.list_go_files(repo_dir(import_path))
    if not files:
        return None
    pkg = Package(import_path, import_path.rsplit("/", 1)[-1])
    for file in files:
        src = source.read(file)
        m = re.search(r"^package (\w+)", src, re.M)
        if m:
            pkg.name = m.group(1)
        imports = parse_imports(src)
        for m in re.finditer(r"^type (\w+)(?:\[[^\]]*\])? (?:=\s*)?(.*)$", src, re.M):
            rest = m.group(2)
            if rest.startswith("struct {"):
                brace = m.start(2) + len("struct ")
                rest = "struct " + src[brace : matching_brace(src, brace) + 1]
            else:
                rest = rest.split("//")[0].strip()
            pkg.types[m.group(1)] = (rest, imports)
        for block in re.finditer(r"^type \((.*?)^\)", src, re.S | re.M):
            for line in block.group(1).splitlines():
                mm = re.match(r"\s+(\w+) (?:=\s*)?(.+)$", line)
                if mm and not mm.group(2).startswith("struct"):
                    pkg.types[mm.group(1)] = (mm.group(2).split("//")[0].strip(), imports)
        for m in re.finditer(r"^func \(\w* ?\*?(\w+)(?:\[[^\]]*\])?\) (\w+)\(", src, re.M):
            brace = src.find("{\n", m.end())
            if brace > 0:
                body = src[brace : matching_brace(src, brace) + 1]
                pkg.methods.setdefault(m.group(1), {})[m.group(2)] = body
    return pkg


def struct_members(body: str) -> list[tuple[str | None, str, str | None]]:
    """(field name or None if embedded, type expression, raw tag) of a struct body."""
    inner = body[body.index("{") + 1 : body.rindex("}")]
    decls, cur, depth, i = [], "", 0, 0
    while i < len(inner):
        c = inner[i]
        if c == "`":
            j = inner.index("`", i + 1)
            cur, i = cur + inner[i : j + 1], j + 1
            continue
        if inner.startswith("//", i):
            i = inner.index("\n", i) if "\n" in inner[i:] else len(inner)
            continue
        depth += (c in "{([") - (c in "})]")
        if c == "\n" and depth == 0:
            decls.append(cur.strip())
            cur = ""
        else:
            cur += c
        i += 1
    decls.append(cur.strip())
    out: list[tuple[str | None, str, str | None]] = []
    for decl in filter(None, decls):
        tag = None
        m = re.search(r"`([^`]*)`$", decl)
        if m:
            tag, decl = m.group(1), decl[: m.start()].strip()
        parts = decl.split(None, 1)
        if len(parts) == 1:
            out.append((None, parts[0], tag))
            continue
        for name in parts[0].split(","):
            out.append((name.strip(), parts[1], tag))
    return out


class Walker:
    def __init__(self, source: GitSource) -> None:
        self.source = source
        self.packages: dict[str, Package | None] = {}
        self.types: dict[str, dict[str, object]] = {}
        self.ids: dict[str, str] = {}  # qualified name -> short id
        self.unknown: set[str] = set()

    def package(self, import_path: str) -> Package | None:
        if import_path not in self.packages:
            self.packages[import_path] = load_package(self.source, import_path)
        return self.packages[import_path]

    def short_id(self, qualified: str, display: str) -> str:
        if qualified in self.ids:
            return self.ids[qualified]
        candidate, n = display, 1
        while candidate in self.types:
            n += 1
            candidate = f"{display}#{n}"
        self.ids[qualified] = candidate
        self.types[candidate] = {}
        return candidate

    def resolve(self, expr: str, pkg: Package, imports: dict[str, str]) -> str:
        expr = expr.strip()
        if expr.startswith("*"):
            return self.resolve(expr[1:], pkg, imports)
        if expr.startswith("[]"):
            elem = self.resolve(expr[2:], pkg, imports)
            tid = "[]" + elem
            self.types.setdefault(
                tid, {"kind": "slice", "elem": elem, "name": "[]" + self.name(elem)}
            )
            return tid
        if expr.startswith("map["):
            depth, i = 0, 3
            while True:
                depth += (expr[i] == "[") - (expr[i] == "]")
                if depth == 0:
                    break
                i += 1
            key = self.resolve(expr[4:i], pkg, imports)
            elem = self.resolve(expr[i + 1 :], pkg, imports)
            tid = f"map[{key}]{elem}"
            name = f"map[{self.name(key)}]{self.name(elem)}"
            self.types.setdefault(tid, {"kind": "map", "key": key, "elem": elem, "name": name})
            return tid
        if expr in BASIC:
            self.types.setdefault(expr, {"kind": "basic", "name": expr})
            return expr
        if expr in ("any", "interface{}") or expr.startswith(("interface", "func", "chan", "[")):
            return "any"
        expr = re.sub(r"\[.*\]$", "", expr)  # a generic instantiation decodes as its base type
        if "." not in expr:
            return self.named(expr, pkg)
        alias, name = expr.split(".", 1)
        path = imports.get(alias)
        if path == "time" and name == "Duration":
            self.types.setdefault("time.Duration", {"kind": "duration", "name": "time.Duration"})
            return "time.Duration"
        target = self.package(path) if path else None
        if target is None:
            self.unknown.add(expr)
            return "any"
        return self.named(name, target)

    def name(self, tid: str) -> str:
        return str(self.types.get(tid, {}).get("name", "interface {}"))

    def named(self, name: str, pkg: Package) -> str:
        qualified = f"{repo_dir(pkg.path)}.{name}"
        if qualified in self.ids:
            return self.ids[qualified]
        if qualified in ANON_OVERRIDES:
            return self.anonymous(qualified, ANON_OVERRIDES[qualified], pkg)
        if name not in pkg.types:
            self.unknown.add(qualified)
            return "any"
        body, imports = pkg.types[name]
        display = f"{pkg.name}.{name}"
        tid = self.short_id(qualified, display)
        methods = pkg.methods.get(name, {})
        entry: dict[str, object] = {"name": display}
        self.types[tid] = entry
        if "UnmarshalYAML" in methods:
            plain = re.search(rf"type (\w+) {name}\b", methods["UnmarshalYAML"])
            if plain and body.startswith("struct"):
                entry.update(kind="struct", name=f"{pkg.name}.{plain.group(1)}")
                entry.update(self.fields(body, pkg, imports))
                return tid
            entry.update(kind="custom", via="UnmarshalYAML")
            return tid
        if "UnmarshalText" in methods:
            entry.update(kind="custom", via="UnmarshalText")
            return tid
        if body.startswith("struct"):
            entry["kind"] = "struct"
            entry.update(self.fields(body, pkg, imports))
            return tid
        if body.startswith("interface"):
            entry["kind"] = "any"
            return tid
        entry.update(kind="named", underlying=self.resolve(body, pkg, imports))
        return tid

    def anonymous(self, qualified: str, members: list[tuple[str, str, str]], pkg: Package) -> str:
        parts = [f'{go} {typ} "yaml:\\"{key}\\""' for go, typ, key in members]
        display = "struct { " + "; ".join(parts) + " }"
        tid = self.short_id(qualified, qualified.rsplit(".", 1)[-1])
        imports = {"model": "github.com/prometheus/common/model", "config": pkg.path}
        fields = {key: self.resolve(typ, pkg, imports) for _, typ, key in members}
        self.types[tid] = {"kind": "struct", "name": display, "fields": fields}
        return tid

    def fields(self, body: str, pkg: Package, imports: dict[str, str]) -> dict[str, object]:
        fields: dict[str, str] = {}
        inline_map: str | None = None
        for go_name, texpr, tag in struct_members(body):
            m = re.search(r'yaml:"([^"]*)"', tag or "")
            opts = m.group(1).split(",") if m else [""]
            key, inline = opts[0], "inline" in opts[1:]
            if key == "-":
                continue
            bare = texpr.lstrip("*").split(".")[-1]
            if not (go_name or bare)[0].isupper():
                continue  # yaml.v2 skips unexported fields
            tid = self.resolve(texpr, pkg, imports)
            if inline:
                target = self.types.get(tid, {})
                if target.get("kind") == "struct":
                    fields.update(target.get("fields", {}))  # type: ignore[arg-type]
                    inline_map = inline_map or target.get("inline_map")  # type: ignore[assignment]
                else:
                    inline_map = str(target.get("elem", "any"))
                continue
            fields[key or (go_name or bare).lower()] = tid
        out: dict[str, object] = {"fields": fields}
        if inline_map:
            out["inline_map"] = inline_map
        return out


def dump(types: dict[str, dict[str, object]], root: str) -> str:
    lines = [
        "# Generated by tests/loki/config/gen_gotypes.py from grafana/loki v3.6.0: do not edit.",
        "# For each Go type a Loki config is decoded into: its kind, the name yaml.v2 errors",
        "# print, and for structs the yaml keys and their types.",
        f"root: {q(root)}",
        "types:",
    ]
    for tid in sorted(types):
        entry = types[tid]
        lines.append(f"  {q(tid)}:")
        for key in ("kind", "name", "via", "elem", "key", "underlying", "inline_map"):
            if key in entry:
                lines.append(f"    {key}: {q(str(entry[key]))}")
        fields = entry.get("fields")
        if isinstance(fields, dict):
            lines.append("    fields:" + (" {}" if not fields else ""))
            lines.extend(f"      {q(k)}: {q(v)}" for k, v in fields.items())
    return "\n".join(lines) + "\n"


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def generate(git_dir: str = DEFAULT_GIT_DIR) -> str:
    source = GitSource(git_dir)
    try:
        walker = Walker(source)
        loki = walker.package(LOKI_MODULE + "pkg/loki")
        assert loki is not None, f"{git_dir} has no pkg/loki at {TAG}"
        root = walker.named("ConfigWrapper", loki)
    finally:
        source.close()
    if walker.unknown:
        print("decoded as any:", sorted(walker.unknown), file=sys.stderr)
    return dump(walker.types, root)


if __name__ == "__main__":
    sys.stdout.write(generate(*sys.argv[1:2]))
