"""Non-secret text changed or not; examples that never quote a secret."""

from __future__ import annotations

import pytest

from sim.verify.textdiff import example, mask, non_secret_changed, secret_spans

PW = "s3cretPassw0rd"


@pytest.mark.parametrize(
    ("original", "stored", "values", "changed"),
    [
        # a secret replaced and nothing else: the redaction the ADR means (ADR 5)
        (f"postgres://app:{PW}@db/x", "postgres://app:***REDACTED***@db/x", [PW], False),
        # Promtail's replace writes the template over each capture group, ${1} unexpanded
        # (DESIGN.md fidelity; upstream clients/pkg/logentry/stages/replace.go)
        (
            f"url=postgres://app:{PW}@db/x",
            "url=${1}***REDACTED***${3}${1}***REDACTED***${3}${1}***REDACTED***${3}db/x",
            [PW],
            True,
        ),
        # a secret removed outright is still only the secret's text
        (f"token {PW} end", "token  end", [PW], False),
        # unchanged: nothing changed, leaked or not
        (f"token {PW} end", f"token {PW} end", [PW], False),
        # the ADR's IP stage on a line without secrets: any change is collateral
        ("client 10.42.0.7 ok", "client ${1}xxx7 ok", [], True),
        # a change next to the secret but outside its span
        (f"key={PW};", "key=***", [PW], True),
        # two secrets, the text between them kept
        (f"a {PW} b {PW}x c", "a * b * c", [PW, PW + "x"], False),
        (f"a {PW} b {PW}x c", "a * B * c", [PW, PW + "x"], True),
    ],
)
def test_non_secret_changed(original: str, stored: str, values: list[str], changed: bool) -> None:
    assert non_secret_changed(original, stored, values) is changed


def test_secret_spans_merge_overlaps() -> None:
    assert secret_spans("abcabc", ["abc", "bca"]) == [(0, 6)]


def test_mask_hides_values_and_what_is_left_of_them() -> None:
    shown = mask(f"pw={PW} and half {PW[:8]} and {PW[:3]}", [("postgres_password", PW)])
    assert PW not in shown and PW[:8] not in shown
    assert "<postgres_password:14 chars>" in shown
    assert "<postgres_password:8 chars left>" in shown
    assert shown.endswith(f"and {PW[:3]}")  # too short to identify anything


def test_example_crops_and_lists_word_level_changes() -> None:
    before = "x" * 500 + " AWS_SECRET_ACCESS_KEY=<aws_secret_key:40 chars> tail"
    after = "x" * 500 + " ${1}***REDACTED***${1}***REDACTED*** tail"
    shown = example(before, after)
    assert str(shown["before"]).startswith("…") and len(str(shown["before"])) < 420
    assert shown["changes"] == [
        {
            "before": "AWS_SECRET_ACCESS_KEY=<aws_secret_key:40 chars>",
            "after": "${1}***REDACTED***${1}***REDACTED***",
        }
    ]
