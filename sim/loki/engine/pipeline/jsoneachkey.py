"""EachKey of grafana/jsonparser (vendored in grafana/loki v3.6.0), what `| json a="b.c[0]"`
runs: one pass over the line calling back for each path found, first match of a key only,
array indexes resolved with searchKeys; a syntax error ends the walk early.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sim.loki.engine.pipeline import jsonscan as js
from sim.loki.engine.pipeline.jsonpaths import (
    array_each,
    atoi_or_zero,
    get_for_callback,
    search_keys,
)

EachKeyCallback = Callable[[int, bytes, int, str | None], None]


def _same_tree(p1: Sequence[str], p2: Sequence[str]) -> bool:
    shortest = min(len(p1), len(p2))
    return list(p1[:shortest]) == list(p2[:shortest])


def each_key(data: bytes, callback: EachKeyCallback, paths: Sequence[Sequence[str]]) -> int:
    """EachKey: calls back (path index, value, type, error) for each path found."""
    level = matched = i = 0
    n = len(data)
    flags = [False] * len(paths)
    max_path = max((len(p) for p in paths), default=0)
    buf = [""] * max(128, max_path)
    while i < n:
        c = data[i]
        if c == 0x22:
            i += 1
            begin = i
            end, escaped = js.string_end(data, i)
            if end == -1:
                return -1
            i += end
            key_end = i - 1
            skip = js.next_token(data, i)
            if skip == -1:
                return -1
            i += skip
            if data[i] != 0x3A:
                i -= 1
            else:
                key = data[begin:key_end]
                if escaped:
                    try:
                        key = js.unescape(key)
                    except js.JSONScanError:
                        return -1
                match = -1
                if max_path >= level:
                    if level < 1:
                        callback(-1, b"", js.UNKNOWN, js.MALFORMED_JSON)
                        return -1
                    text = key.decode("utf-8", "surrogateescape")
                    buf[level - 1] = text
                    for pi, path in enumerate(paths):
                        if (
                            len(path) != level
                            or flags[pi]
                            or text != path[level - 1]
                            or not _same_tree(path, buf[:level])
                        ):
                            continue
                        match = pi
                        matched += 1
                        flags[pi] = True
                        value, kind, err = get_for_callback(data, i + 1)
                        callback(pi, value, kind, err)
                        if matched == len(paths):
                            break
                    if matched == len(paths):
                        return i
                if match == -1:
                    i += js.next_token(data, i + 1)
                    if data[i] == 0x7B:
                        i += js.block_end(data, i, 0x7B, 0x7D) + 1
                if i < n and data[i] in b'{}["':
                    i -= 1
        elif c == 0x7B:
            level += 1
        elif c == 0x7D:
            level -= 1
        elif c == 0x5B:
            found = _each_key_array(data, i, level, paths, flags, buf, callback)
            if found is None:
                return -1
            matched += found[1]
            if found[2] and matched == len(paths):
                return i
            if found[2]:
                level += 1
            i += found[0] - 1
        elif c == 0x5D:
            level -= 1
        i += 1
    return -1


def _each_key_array(
    data: bytes,
    i: int,
    level: int,
    paths: Sequence[Sequence[str]],
    flags: list[bool],
    buf: list[str],
    callback: EachKeyCallback,
) -> tuple[int, int, bool] | None:
    """The '[' branch of EachKey: (bytes to skip, paths matched, entered the array) or None."""
    if level < 0:
        callback(-1, b"", js.UNKNOWN, js.MALFORMED_JSON)
        return None
    wanted: dict[int, list[int]] = {}
    for pi, path in enumerate(paths):
        if len(path) < level + 1 or flags[pi] or not path[level] or path[level][0] != "[":
            continue
        if not _same_tree(path, buf[:level]):
            continue
        if len(path[level]) > 2:
            wanted.setdefault(atoi_or_zero(path[level][1:-1]), []).append(pi)
    if not wanted:
        end = js.block_end(data, i, 0x5B, 0x5D)
        return None if end == -1 else (end, 0, False)
    counter = {"idx": 0, "matched": 0}
    inner = level + 1

    def each(value: bytes, kind: int, _offset: int) -> None:
        for pi in wanted.get(counter["idx"], ()):
            path = paths[pi]
            found = search_keys(value, path[inner:])
            counter["matched"] += 1
            flags[pi] = True
            if found != -1:
                if kind == js.STRING:
                    callback(pi, value[found:], kind, None)
                else:
                    got, got_kind, err = get_for_callback(value, found)
                    callback(pi, got, got_kind, err)
        counter["idx"] += 1

    offset, _ = array_each(data[i:], each)
    return offset, counter["matched"], True
