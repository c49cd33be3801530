"""What stages share: the label-set key and its memo."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sim.agent.stages.base import LabelKeys, label_key

_LABELS = st.dictionaries(st.sampled_from("abc"), st.sampled_from(["x", "y"]), max_size=3)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_LABELS, st.booleans()), max_size=20))
def test_memo_gives_label_key(steps: list[tuple[dict[str, str], bool]]) -> None:
    # lokisim: LabelKeys(labels) == label_key(labels), even when the caller's dict changes
    # after it was asked about (the memo keeps a copy).
    keys = LabelKeys()
    previous: dict[str, str] = {}
    for labels, change_previous in steps:
        if change_previous:
            previous["a"] = previous.get("a", "") + "z"
            assert keys(previous) == label_key(previous)
        assert keys(labels) == label_key(labels)
        previous = labels
