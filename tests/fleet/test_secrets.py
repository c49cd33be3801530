"""Secret values (sim/fleet/secrets.py) and their plain-text forms (sim/fleet/secret_forms.py)."""

from __future__ import annotations

import base64
import json
import random
import re
import string
import zlib

import pytest
import re2

from sim.fleet import secret_forms, secrets
from sim.fleet.secrets import ADR_SECRET_KINDS, SECRET_KINDS, generate_value

N = 300  # draws per kind: enough to meet every shape a generator picks from


def draws(kind: str, seed: int = 1, n: int = N) -> list[str]:
    rng = random.Random(seed)
    return [generate_value(kind, rng) for _ in range(n)]


def b64url_decode(part: str) -> bytes:
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def test_kinds_start_with_the_adr_seven_in_order() -> None:
    # DESIGN.md "Secret kinds" and ADR-loki.md section 5 (the seven redaction targets).
    expected = (
        "postgres_password",
        "bearer_jwt",
        "aws_secret_key",
        "api_key",
        "credit_card",
        "email",
        "ipv4",
    )
    assert expected == ADR_SECRET_KINDS
    assert SECRET_KINDS[: len(expected)] == expected
    assert len(set(SECRET_KINDS)) == len(SECRET_KINDS)


@pytest.mark.parametrize("kind", SECRET_KINDS)
def test_generation_is_deterministic_under_a_seed(kind: str) -> None:
    assert draws(kind, seed=7, n=20) == draws(kind, seed=7, n=20)
    assert draws(kind, seed=7, n=20) != draws(kind, seed=8, n=20)


@pytest.mark.parametrize("kind", SECRET_KINDS)
def test_values_are_fresh_and_single_line(kind: str) -> None:
    values = draws(kind)
    assert len(set(values)) == len(values)  # a ledger tells injections apart by value
    assert all(v and "\n" not in v and "\r" not in v for v in values)


def test_unknown_kind_names_the_valid_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown secret kind 'ssn'.*postgres_password"):
        generate_value("ssn", random.Random(1))


# ISO/IEC 7812-1 annex B (the Luhn formula); numbers are the card networks' published test
# numbers and the worked example of the Luhn algorithm (79927398713).
@pytest.mark.parametrize(
    ("number", "valid"),
    [
        ("79927398713", True),
        ("79927398710", False),
        ("4111 1111 1111 1111", True),  # Visa test number
        ("4111-1111-1111-1112", False),
        ("5555555555554444", True),  # Mastercard test number
        ("2223003122003222", True),  # Mastercard 2-series test number
        ("378282246310005", True),  # Amex test number
        ("3782 822463 10006", False),
    ],
)
def test_luhn_against_known_numbers(number: str, valid: bool) -> None:
    assert secrets.luhn_valid(number) is valid


def test_credit_cards_pass_luhn_with_real_brand_shapes() -> None:
    # IIN ranges (ISO/IEC 7812): Visa 4, Mastercard 51-55 and 2221-2720, Amex 34/37.
    seen_separators = set()
    for card in draws("credit_card"):
        digits = re.sub(r"[ -]", "", card)
        assert digits.isdigit() and secrets.luhn_valid(digits), card
        separator = {c for c in card if not c.isdigit()}
        assert len(separator) <= 1, card  # one separator style per number
        seen_separators |= separator or {""}
        groups = re.split(r"[ -]", card) if separator else None
        if digits[:2] in ("34", "37"):
            assert len(digits) == 15
            assert groups is None or [len(g) for g in groups] == [4, 6, 5]
        else:
            assert len(digits) == 16
            assert (
                digits[0] == "4" or 51 <= int(digits[:2]) <= 55 or 2221 <= int(digits[:4]) <= 2720
            )
            assert groups is None or [len(g) for g in groups] == [4, 4, 4, 4]
    assert seen_separators == {" ", "-", ""}


def test_jwts_decode_to_json_with_the_hs256_header() -> None:
    # RFC 7519 section 3.1 (header {"alg":"HS256","typ":"JWT"}); RFC 7515 section 2
    # (base64url without padding); RFC 7518 section 3.2 (HMAC-SHA256: 32-byte signature).
    for token in draws("bearer_jwt"):
        header, payload, signature = token.split(".")
        assert all(re.fullmatch(r"[A-Za-z0-9_-]+", part) for part in (header, payload, signature))
        assert json.loads(b64url_decode(header)) == {"alg": "HS256", "typ": "JWT"}
        claims = json.loads(b64url_decode(payload))
        assert isinstance(claims, dict) and claims["exp"] > claims["iat"]
        assert len(b64url_decode(signature)) == 32


def test_jwts_have_the_shape_the_adr_expression_targets() -> None:
    # ADR-loki.md section 5: the JWT replace stage's expression (Go RE2).
    adr = re2.compile(r"(Bearer\s+)(eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)")
    for token in draws("bearer_jwt", n=50):
        match = adr.search(f"Bearer {token}")
        assert match is not None and match.group(2) == token


def test_aws_secret_keys_are_40_base64_chars() -> None:
    # AWS IAM docs: a secret access key is 40 characters (base64 of 30 random bytes).
    for key in draws("aws_secret_key"):
        assert re.fullmatch(r"[A-Za-z0-9/+]{40}", key), key
        assert len(base64.b64decode(key)) == 30


def test_github_tokens_carry_their_crc32_checksum() -> None:
    # GitHub's token format (github.blog, 2021-04-05 "Behind GitHub's new authentication
    # token formats"): ghp_, 30 random base62 chars, then their CRC32 in 6 base62 digits.
    alphabet = string.digits + string.ascii_uppercase + string.ascii_lowercase
    for token in draws("github_token"):
        assert re.fullmatch(r"ghp_[A-Za-z0-9]{36}", token), token
        checksum = 0
        for char in token[-6:]:
            checksum = checksum * 62 + alphabet.index(char)
        assert checksum == zlib.crc32(token[4:-6].encode())


def test_emails_are_what_the_adr_email_expression_matches() -> None:
    # ADR-loki.md section 5, "Email Redaction" expression (Go RE2), over the whole value.
    adr = re2.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Z|a-z]{2,}\b")
    for address in draws("email"):
        match = adr.search(address)
        assert match is not None and match.group(0) == address


def test_ipv4_values_are_public_unicast_addresses() -> None:
    # RFC 1918 and RFC 6890: private, shared, loopback, link-local and multicast ranges are
    # what the workloads' ordinary lines use, so injected addresses stay out of them.
    for address in draws("ipv4"):
        octets = [int(o) for o in address.split(".")]
        assert len(octets) == 4 and all(0 <= o <= 255 for o in octets), address
        first, second = octets[0], octets[1]
        assert first not in (0, 10, 127) and first < 224, address
        assert not (first == 172 and 16 <= second <= 31), address
        assert not (first == 192 and second == 168), address
        assert not (first == 100 and 64 <= second <= 127), address
        assert not (first == 169 and second == 254), address


def test_private_keys_are_one_line_pems_with_literal_newline_escapes() -> None:
    # RFC 7468 section 2 (BEGIN/END labels, base64 lines of at most 64 chars); the DER
    # starts with a SEQUENCE (0x30) as SEC1 (RFC 5915) and PKCS#8 (RFC 5208) keys do.
    labels = set()
    for pem in draws("private_key", n=40):
        rows = pem.split("\\n")
        label = re.fullmatch(r"-----BEGIN ([A-Z ]+)-----", rows[0])
        assert label is not None and rows[-1] == f"-----END {label.group(1)}-----"
        labels.add(label.group(1))
        assert all(0 < len(row) <= 64 for row in rows[1:-1])
        assert base64.b64decode("".join(rows[1:-1]))[0] == 0x30
    assert labels == {"EC PRIVATE KEY", "PRIVATE KEY"}


def test_slack_webhooks_have_the_incoming_webhook_shape() -> None:
    # Slack API docs, "Sending messages using incoming webhooks": services/T.../B.../secret.
    for url in draws("slack_webhook"):
        pattern = (
            r"https://hooks\.slack\.com/services/T[A-Z0-9]{8,10}/B[A-Z0-9]{8,11}/[A-Za-z0-9]{24}"
        )
        assert re.fullmatch(pattern, url), url


@pytest.mark.parametrize(
    "kind", ["postgres_password", "password_field", "api_key", "basic_auth_url"]
)
def test_credentials_survive_json_logfmt_urls_and_sql_unchanged(kind: str) -> None:
    # The module's promise: no character a JSON encoder, slog's quoting, a URL or a SQL
    # literal would escape (RFC 3986 unreserved characters plus '!' and '*').
    allowed = set(string.ascii_letters + string.digits + "-_.~!*")
    for value in draws(kind):
        assert set(value) <= allowed, value
        assert json.dumps(value)[1:-1] == value


@pytest.mark.parametrize("kind", SECRET_KINDS)
def test_every_text_form_holds_the_value_exactly_once(kind: str) -> None:
    # secret_forms' contract: a fragment carries the value once and nothing marker-like.
    rng = random.Random(3)
    for form, render in secret_forms.TEXT_FORMS[kind]:
        for _ in range(20):
            value = generate_value(kind, rng)
            fragment = render(value, rng)
            assert fragment.count(value) == 1, (form, fragment)
            assert "lsm" not in fragment.replace(value, "")
            assert "\n" not in fragment


def test_every_kind_has_a_text_form() -> None:
    assert set(secret_forms.TEXT_FORMS) == set(SECRET_KINDS)
