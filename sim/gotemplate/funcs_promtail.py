"""Promtail's template function map (clients/pkg/logentry/stages/template.go, v3.6.0):
all of sprig.TxtFuncMap() plus Promtail's own functions, which win on a name clash.

Used by the `template` and `replace` stages. Sprig functions lokisim does not reproduce are
present as Unsupported entries: a template naming one fails at compile time, saying so.
"""

from __future__ import annotations

import hashlib
from typing import Final

from sim.gotemplate import goregexp as rx
from sim.gotemplate import gostd
from sim.gotemplate.gotypes import to_bytes
from sim.gotemplate.signature import FuncMap, GoFunc, Unsupported
from sim.gotemplate.sprig_coll import SPRIG_COLL
from sim.gotemplate.sprig_num import SPRIG_NUM
from sim.gotemplate.sprig_text import SPRIG_TEXT
from sim.gotemplate.sprig_time import SPRIG_TIME

S = ("string",)
S2 = ("string", "string")
S3 = ("string", "string", "string")

# sprig v3.3 functions whose Go behaviour lokisim does not reproduce (randomness from other
# libraries, host state, crypto material, third-party formatting rules)
# fmt: off
SPRIG_UNSUPPORTED: Final = (
    "abbrevboth", "initials", "swapcase", "shuffle", "snakecase", "camelcase", "kebabcase",
    "wrap", "wrapWith", "env", "expandenv", "getHostByName", "merge", "mergeOverwrite",
    "mustMerge", "mustMergeOverwrite", "bcrypt", "htpasswd", "genPrivateKey", "derivePassword",
    "buildCustomCert", "genCA", "genCAWithKey", "genSelfSignedCert",
    "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "encryptAES",
    "decryptAES", "randBytes", "semver", "semverCompare", "urlParse", "urlJoin",
)
# fmt: on


def _hash(kind: str) -> GoFunc:
    def digest(salt: str, value: str) -> str:
        return hashlib.new(kind, to_bytes(salt + value)).hexdigest()

    return GoFunc(digest, S2)


PROMTAIL_EXTRA: Final[dict[str, GoFunc]] = {
    "ToLower": GoFunc(gostd.to_lower, S),
    "ToUpper": GoFunc(gostd.to_upper, S),
    "Replace": GoFunc(gostd.replace, (*S3, "int")),
    "Trim": GoFunc(lambda s, cut: s.strip(cut), S2),
    "TrimLeft": GoFunc(lambda s, cut: s.lstrip(cut), S2),
    "TrimRight": GoFunc(lambda s, cut: s.rstrip(cut), S2),
    "TrimPrefix": GoFunc(lambda s, p: s.removeprefix(p), S2),
    "TrimSuffix": GoFunc(lambda s, p: s.removesuffix(p), S2),
    "TrimSpace": GoFunc(gostd.trim_space, S),
    "Hash": _hash("sha3_256"),
    "Sha2Hash": _hash("sha256"),
    "regexReplaceAll": GoFunc(
        lambda r, s, repl: rx.replace_all_string(rx.must_compile(r), s, repl), S3
    ),
    "regexReplaceAllLiteral": GoFunc(
        lambda r, s, repl: rx.replace_all_literal(rx.must_compile(r), s, repl), S3
    ),
}


def _build() -> dict[str, GoFunc | Unsupported]:
    funcs: dict[str, GoFunc | Unsupported] = {}
    for part in (SPRIG_TEXT, SPRIG_NUM, SPRIG_COLL, SPRIG_TIME):
        funcs.update(part)
    for name in SPRIG_UNSUPPORTED:
        funcs[name] = Unsupported("Promtail", f'the sprig function "{name}"')
    funcs.update(PROMTAIL_EXTRA)
    return funcs


PROMTAIL_FUNCS: Final[FuncMap] = _build()
