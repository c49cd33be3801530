"""Tracebacks as Python 3.11's `traceback.format_exc` renders them for `logger.exception`.

3.11 underlines the failing expression with carets when it is not the whole line;
chained exceptions are separated by a blank line, `The above exception was the direct
cause of the following exception:`, and another blank line. Exception messages that
span lines (psycopg2's DETAIL, SQLAlchemy's [SQL: ...]) are printed as they are.
"""

from __future__ import annotations

import random

SITE = "/usr/local/lib/python3.11/site-packages"
CAUSE = ("", "The above exception was the direct cause of the following exception:", "")
_URLLIB3 = (
    "Traceback (most recent call last):",
    f'  File "{SITE}/urllib3/connection.py", line 198, in _new_conn',
    "    sock = connection.create_connection(",
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    f'  File "{SITE}/urllib3/util/connection.py", line 85, in create_connection',
    "    raise err",
    f'  File "{SITE}/urllib3/util/connection.py", line 73, in create_connection',
    "    sock.connect(sa)",
    "ConnectionRefusedError: [Errno 111] Connection refused",
)
_REQUESTS = (
    f'  File "{SITE}/requests/sessions.py", line 637, in post',
    '    return self.request("POST", url, data=data, json=json, **kwargs)',
    "           " + "^" * 64,
    f'  File "{SITE}/requests/sessions.py", line 589, in request',
    "    resp = self.send(prep, **send_kwargs)",
    "           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    f'  File "{SITE}/requests/sessions.py", line 703, in send',
    "    r = adapter.send(request, **kwargs)",
    "        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^",
    f'  File "{SITE}/requests/adapters.py", line 700, in send',
    "    raise ConnectionError(e, request=request)",
)
_REFUSED = (
    "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='api.payments.example', "
    "port=443): Max retries exceeded with url: /v1/charges (Caused by NewConnectionError("
    "'<urllib3.connection.HTTPSConnection object at 0x7f3b2c1d0e50>: Failed to establish a "
    "new connection: [Errno 111] Connection refused'))"
)
_EXECUTE = (
    f'  File "{SITE}/sqlalchemy/engine/base.py", line 1967, in _exec_single_context',
    "    self.dialect.do_execute(",
    f'  File "{SITE}/sqlalchemy/engine/default.py", line 941, in do_execute',
    "    cursor.execute(statement, parameters)",
)


def app_frame(rng: random.Random, module: str, function: str, code: str) -> tuple[str, str]:
    path = f"/app/{module.replace('.', '/')}.py"
    return (f'  File "{path}", line {rng.randrange(20, 400)}, in {function}', f"    {code}")


def connection_refused(rng: random.Random, module: str, task: str) -> tuple[str, ...]:
    """requests failing to reach a payment API: urllib3's error, then requests' own."""
    call = app_frame(rng, module, task, "resp = session.post(url, json=payload, timeout=10)")
    return (*_URLLIB3, *CAUSE, "Traceback (most recent call last):", *call, *_REQUESTS, _REFUSED)


def unique_violation(rng: random.Random, module: str, task: str, table: str) -> tuple[str, ...]:
    """psycopg2's UniqueViolation wrapped in SQLAlchemy's IntegrityError."""
    key = rng.randrange(1, 99999)
    violation = f'duplicate key value violates unique constraint "{table}_pkey"'
    detail = f"DETAIL:  Key (id)=({key}) already exists."
    commit = app_frame(rng, module, task, "session.commit()")
    return (
        "Traceback (most recent call last):",
        *_EXECUTE,
        f"psycopg2.errors.UniqueViolation: {violation}",
        detail,
        "",  # psycopg2's message ends in a newline, so a blank line precedes the separator
        *CAUSE,
        "Traceback (most recent call last):",
        *commit,
        f'  File "{SITE}/sqlalchemy/orm/session.py", line 2017, in commit',
        "    trans.commit(_to_root=True)",
        *_EXECUTE,
        f"sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) {violation}",
        detail,
        "",
        f"[SQL: INSERT INTO {table} (id, status) VALUES (%(id)s, %(status)s)]",
        f"[parameters: {{'id': {key}, 'status': 'pending'}}]",
        "(Background on this error at: https://sqlalche.me/e/20/gkpj)",
    )


def http_error(rng: random.Random, module: str, url: str) -> tuple[str, ...]:
    """`raise_for_status()` on a 401: the URL, query string included, ends the traceback."""
    return (
        "Traceback (most recent call last):",
        *app_frame(rng, module, "refresh_quotes", "resp.raise_for_status()"),
        f'  File "{SITE}/requests/models.py", line 1024, in raise_for_status',
        "    raise HTTPError(http_error_msg, response=self)",
        f"requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: {url}",
    )
