"""Path lookups of grafana/jsonparser (searchKeys, ArrayEach), for `| json a="b.c[0]"`.

Same rules as jsonscan.py: Loki's answers are whatever this lenient scanner finds, including
values of keys that appear after a syntax error and the first match of a repeated key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sim.loki.engine.pipeline import jsonscan as js


def atoi_or_zero(text: str) -> int:
    """strconv.Atoi with the error ignored (0), as EachKey reads array indexes."""
    body = text[1:] if text[:1] in "+-" else text
    return int(text) if body.isdigit() and body.isascii() else 0


def get_for_callback(data: bytes, start: int) -> tuple[bytes, int, str | None]:
    """Get(data[start:]) for a callback: (value, type, error)."""
    try:
        value, kind, _ = js.get_value(data, start)
        return value, kind, None
    except js.JSONScanError as err:
        return b"", js.UNKNOWN, str(err)


def array_each(data: bytes, callback: Callable[[bytes, int, int], None]) -> tuple[int, str | None]:
    """ArrayEach without keys: (offset reached, error)."""
    if not data:
        return -1, js.MALFORMED_OBJECT
    skip = js.next_token(data)
    if skip == -1:
        return -1, js.MALFORMED_JSON
    offset = skip + 1
    skip = js.next_token(data, offset)
    if skip == -1:
        return offset, js.MALFORMED_JSON
    offset += skip
    if data[offset] == 0x5D:
        return offset, None
    while True:
        try:
            value, kind, end = js.get_value(data, offset)
        except js.JSONScanError as err:
            return offset, str(err)
        if end == offset:
            break
        callback(value, kind, end - len(value))
        offset = end
        skip = js.next_token(data, offset)
        if skip == -1:
            return offset, js.MALFORMED_ARRAY
        offset += skip
        if data[offset] == 0x5D:
            break
        if data[offset] != 0x2C:
            return offset, js.MALFORMED_ARRAY
        offset += 1
    return offset, None


def search_keys(data: bytes, keys: Sequence[str]) -> int:
    """searchKeys: offset just after the ':' of the value at `keys`, or -1."""
    if not keys:
        return 0
    key_level = level = i = 0
    n = len(data)
    last_matched = True
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
            if data[i] == 0x3A:
                if level < 1:
                    return -1
                key = data[begin:key_end]
                if escaped:
                    try:
                        key = js.unescape(key)
                    except js.JSONScanError:
                        return -1
                if level > len(keys):
                    return -1
                if key == keys[level - 1].encode("utf-8", "surrogateescape"):
                    last_matched = True
                    if key_level == level - 1:
                        key_level += 1
                        if key_level == len(keys):
                            return i + 1
                else:
                    last_matched = False
            else:
                i -= 1
        elif c == 0x7B:
            if not last_matched:
                end = js.block_end(data, i, 0x7B, 0x7D)
                if end == -1:
                    return -1
                i += end - 1
            else:
                level += 1
        elif c == 0x7D:
            level -= 1
            if level == key_level:
                key_level -= 1
        elif c == 0x5B:
            found = _search_in_array(data, i, keys, level, key_level)
            if found is not None:
                return found
            end = js.block_end(data, i, 0x5B, 0x5D)
            if end == -1:
                return -1
            i += end - 1
        elif c == 0x3A:
            return -1
        i += 1
    return -1


def _search_in_array(
    data: bytes, i: int, keys: Sequence[str], level: int, key_level: int
) -> int | None:
    """The `[index]` branch of searchKeys; None means "skip the array"."""
    if not (key_level == level and level < len(keys) and keys[level][:1] == "["):
        return None
    name = keys[level]
    if len(name) < 3 or name[-1] != "]":
        return -1
    try:
        wanted = int(name[1:-1])
    except ValueError:
        return -1
    state: dict[str, object] = {"idx": 0}
    sub = data[i:]

    def each(value: bytes, kind: int, offset: int) -> None:
        if state["idx"] == wanted:
            state["offset"] = offset
            state["value"] = value
            if kind == js.STRING:
                state["offset"] = offset - 2
                state["value"] = sub[offset - 2 : offset + len(value)]
        state["idx"] = int(str(state["idx"])) + 1

    array_each(sub, each)
    if "value" not in state:
        return -1
    value = state["value"]
    assert isinstance(value, bytes)
    sub_index = search_keys(value, keys[level + 1 :])
    if sub_index < 0:
        return -1
    offset = state["offset"]
    assert isinstance(offset, int)
    return i + offset + sub_index
