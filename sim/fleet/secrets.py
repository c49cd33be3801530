"""Secret values as applications leak them: real-shaped, fresh per call, drawn from `rng`.

`generate_value(kind, rng)` returns only the value; how it is written into a line (a URL,
an env dump, a JSON field) is each workload's business. Every value is safe inside a JSON
string, a logfmt value and a URL query as is: no quote, backslash, space-free where a
form needs it, and no character that would be escaped or percent-encoded on the way.
"""

from __future__ import annotations

import base64
import json
import random
import string
import uuid
import zlib
from collections.abc import Callable

ADR_SECRET_KINDS: tuple[str, ...] = (
    "postgres_password",
    "bearer_jwt",
    "aws_secret_key",
    "api_key",
    "credit_card",
    "email",
    "ipv4",
)
SECRET_KINDS: tuple[str, ...] = (
    *ADR_SECRET_KINDS,
    "github_token",
    "password_field",
    "private_key",
    "slack_webhook",
    "basic_auth_url",
)

_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits
_UPPER_ALNUM = string.ascii_uppercase + string.digits
# RFC 3986 unreserved marks plus '!' and '*': survive URLs, JSON, logfmt and SQL literals.
_PASSWORD_MARKS = "-_.!~*"


def _names(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST_NAMES = _names(
    "james mary john patricia robert jennifer michael linda david elizabeth william barbara "
    "richard susan joseph jessica thomas sarah charles karen daniel lisa matthew nancy "
    "anthony betty mark sandra donald ashley steven emily andrew kimberly joshua donna "
    "kenneth michelle kevin carol brian amanda george melissa timothy deborah ronald laura "
    "jason rebecca ryan sharon jacob cynthia gary kathleen nicholas amy eric shirley "
    "jonathan anna stephen angela larry ruth justin brenda scott pamela brandon nicole "
    "benjamin katherine samuel virginia noah olivia liam emma lucas sofia mateo valentina "
    "joao ana pedro beatriz tiago ines rui marta lars ingrid sven astrid yuki haruto aiko "
    "priya arjun fatima omar leila chen wei mei"
)
LAST_NAMES = _names(
    "smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez "
    "lopez gonzalez wilson anderson thomas taylor moore jackson martin lee perez thompson "
    "white harris sanchez clark ramirez lewis robinson walker young allen king wright "
    "scott torres nguyen hill flores green adams nelson baker hall rivera campbell mitchell "
    "carter roberts silva santos oliveira pereira costa ferreira almeida lindqvist berg "
    "nakamura tanaka sato kowalski novak horvat schmidt muller fischer weber meyer wagner "
    "becker dubois moreau laurent rossi russo ferrari patel sharma khan ali okafor mensah"
)
EMAIL_DOMAINS = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "proton.me",
    "icloud.com",
    "hotmail.com",
    "gmx.de",
    "fastmail.com",
    "example.com",
    "example.org",
    "acme-corp.io",
    "homelab.dev",
    "mailbox.org",
    "posteo.net",
)
# Public unicast /8s: injected addresses never collide with the private ranges the
# workloads use for pods, services and the LAN, so a leak check cannot match by chance.
_PUBLIC_FIRST_OCTETS: tuple[int, ...] = (23, 31, 37, 45, 46, 51, 62, 77, 78, 81, 84, 89, 91)
_PUBLIC_FIRST_OCTETS += (93, 95, 109, 141, 176, 178, 185, 188, 193, 194, 195, 212, 213, 217)

# base64url('{"alg":"HS256","typ":"JWT"}'): the header every HS256 token starts with.
JWT_HEADER = base64.urlsafe_b64encode(b'{"alg":"HS256","typ":"JWT"}').rstrip(b"=").decode()
_JWT_ISSUERS = (
    "https://auth.homelab.dev/realms/main",
    "https://accounts.example.com",
    "https://keycloak.auth.svc/realms/apps",
    "https://dev-7x2k9q.eu.auth0.com/",
)


def _chars(rng: random.Random, alphabet: str, n: int) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def postgres_password(rng: random.Random) -> str:
    if rng.random() < 0.3:  # a human-chosen passphrase
        word = rng.choice(LAST_NAMES).capitalize()
        return f"{word}{rng.randrange(10, 9999)}{rng.choice(_PASSWORD_MARKS)}"
    return _chars(rng, _ALNUM, rng.randrange(16, 33))


def bearer_jwt(rng: random.Random) -> str:
    iat = 1_764_000_000 + rng.randrange(0, 5_000_000)
    claims = {
        "iss": rng.choice(_JWT_ISSUERS),
        "sub": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        "aud": rng.choice(("api", "orders", "account", "grafana")),
        "iat": iat,
        "exp": iat + rng.choice((300, 900, 3600, 86400)),
        "email": email(rng),
        "scope": rng.choice(("openid profile email", "orders:read orders:write", "openid")),
    }
    payload = _b64url(json.dumps(claims, separators=(",", ":")).encode())
    signature = _b64url(rng.randbytes(32))  # HMAC-SHA256 is 32 bytes
    return f"{JWT_HEADER}.{payload}.{signature}"


def aws_secret_key(rng: random.Random) -> str:
    # 30 random bytes in standard base64: exactly 40 chars of [A-Za-z0-9/+], as AWS issues.
    return base64.b64encode(rng.randbytes(30)).decode()


def api_key(rng: random.Random) -> str:
    shape = rng.randrange(6)
    if shape == 0:
        return "sk_live_" + _chars(rng, _ALNUM, 24)  # Stripe secret key
    if shape == 1:
        return f"SG.{_chars(rng, _ALNUM + '-_', 22)}.{_chars(rng, _ALNUM + '-_', 43)}"  # SendGrid
    if shape == 2:
        return "AIza" + _chars(rng, _ALNUM + "-_", 35)  # Google API key
    if shape == 3:
        return "key-" + _chars(rng, "0123456789abcdef", 32)  # Mailgun
    if shape == 4:
        return _chars(rng, "0123456789abcdef", 32)
    return _chars(rng, _ALNUM, 40)


def luhn_check_digit(digits: str) -> str:
    """The digit that makes `digits + it` pass the Luhn check (ISO/IEC 7812-1 annex B)."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        d = int(char)
        if position % 2 == 0:  # doubled: every second digit counting from the check digit
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return str((10 - total % 10) % 10)


def luhn_valid(number: str) -> bool:
    digits = "".join(c for c in number if c.isdigit())
    return len(digits) > 1 and luhn_check_digit(digits[:-1]) == digits[-1]


def credit_card(rng: random.Random) -> str:
    brand = rng.randrange(4)
    if brand == 3:  # Amex: 15 digits, printed 4-6-5
        body = rng.choice(("34", "37")) + _chars(rng, string.digits, 12)
        number = body + luhn_check_digit(body)
        groups = [number[:4], number[4:10], number[10:]]
    else:
        prefix = "4" if brand < 2 else str(rng.choice((51, 52, 53, 54, 55, 2221, 2720)))
        body = prefix + _chars(rng, string.digits, 15 - len(prefix))
        number = body + luhn_check_digit(body)
        groups = [number[i : i + 4] for i in range(0, 16, 4)]
    return rng.choice((" ", "-", "")).join(groups)


def email(rng: random.Random) -> str:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    local = rng.choice((f"{first}.{last}", f"{first}{last[0]}", f"{first[0]}{last}", first))
    local += str(rng.randrange(1, 9999))
    return f"{local}@{rng.choice(EMAIL_DOMAINS)}"


def ipv4(rng: random.Random) -> str:
    octets = (rng.choice(_PUBLIC_FIRST_OCTETS), rng.randrange(256), rng.randrange(256))
    return f"{octets[0]}.{octets[1]}.{octets[2]}.{rng.randrange(1, 255)}"


def github_token(rng: random.Random) -> str:
    # ghp_ + 30 random base62 + the CRC32 of those 30 in 6 base62 digits (GitHub's format).
    entropy = _chars(rng, _ALNUM, 30)
    crc = zlib.crc32(entropy.encode())
    digits = string.digits + string.ascii_uppercase + string.ascii_lowercase
    check = ""
    for _ in range(6):
        crc, rest = divmod(crc, 62)
        check = digits[rest] + check
    return "ghp_" + entropy + check


def password_field(rng: random.Random) -> str:
    if rng.random() < 0.5:  # a name, a year or a PIN, a mark: what people choose
        word = rng.choice(FIRST_NAMES + LAST_NAMES).capitalize()
        return f"{word}{rng.randrange(10, 10000)}{rng.choice(_PASSWORD_MARKS)}"
    return _chars(rng, _ALNUM + _PASSWORD_MARKS, rng.randrange(12, 25))


# DER prefixes of real key encodings, so the base64 starts as real keys do.
_EC_SEC1_HEAD = bytes.fromhex("30770201010420")  # SEQUENCE, version 1, 32-byte key
_EC_P256_MID = bytes.fromhex("a00a06082a8648ce3d030107a144034200")  # prime256v1, pubkey
_RSA_PKCS8_HEAD = bytes.fromhex("308204bd020100300d06092a864886f70d0101010500048204a7308204a3")


def private_key(rng: random.Random) -> str:
    """A PEM on one line with literal `\\n` escapes, as env vars and JSON carry them."""
    if rng.random() < 0.5:
        der = _EC_SEC1_HEAD + rng.randbytes(32) + _EC_P256_MID + b"\x04" + rng.randbytes(64)
        label = "EC PRIVATE KEY"
    else:
        der = _RSA_PKCS8_HEAD + rng.randbytes(1217 - len(_RSA_PKCS8_HEAD))
        label = "PRIVATE KEY"
    body = base64.b64encode(der).decode()
    rows = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\\n".join([f"-----BEGIN {label}-----", *rows, f"-----END {label}-----"])


def slack_webhook(rng: random.Random) -> str:
    team = "T" + _chars(rng, _UPPER_ALNUM, rng.choice((8, 10)))
    hook = "B" + _chars(rng, _UPPER_ALNUM, rng.choice((8, 10, 11)))
    return f"https://hooks.slack.com/services/{team}/{hook}/{_chars(rng, _ALNUM, 24)}"


def basic_auth_password(rng: random.Random) -> str:
    return _chars(rng, _ALNUM, rng.randrange(12, 29))


_GENERATORS: dict[str, Callable[[random.Random], str]] = {
    "postgres_password": postgres_password,
    "bearer_jwt": bearer_jwt,
    "aws_secret_key": aws_secret_key,
    "api_key": api_key,
    "credit_card": credit_card,
    "email": email,
    "ipv4": ipv4,
    "github_token": github_token,
    "password_field": password_field,
    "private_key": private_key,
    "slack_webhook": slack_webhook,
    "basic_auth_url": basic_auth_password,  # the value is the password inside the URL
}


def generate_value(kind: str, rng: random.Random) -> str:
    """A fresh, realistic value of `kind`; the same rng state gives the same value."""
    generator = _GENERATORS.get(kind)
    if generator is None:
        raise ValueError(f"unknown secret kind {kind!r}: expected one of {', '.join(SECRET_KINDS)}")
    return generator(rng)
