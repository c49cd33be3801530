"""`postgres`: the official postgres:16 image writing its server log to stderr.

Every line starts with the default `log_line_prefix = '%m [%p] '`
(`2026-11-26 14:39:01.123 UTC [123] `), then `LOG:  `, `ERROR:  `, `DETAIL:  `,
`STATEMENT:  ` with two spaces, as elog.c writes them. One error is one write whose
lines each carry the prefix; autovacuum reports continue on tab-indented lines.
The server runs with log_connections, log_disconnections, log_min_duration_statement
and log_statement=ddl, as homelabs often set while debugging. Statements carry a
sqlcommenter comment, where the marker rides as `request_id`.
"""

from __future__ import annotations

import time
from typing import Any

from sim.fleet.workloads import _pools
from sim.fleet.workloads._base import BaseWorkload, FormTable, Rendered, sized
from sim.fleet.workloads._clock import MILLIS
from sim.fleet.workloads._types import Emission

_PG_HBA = (
    'Connection matched file "/var/lib/postgresql/data/pg_hba.conf" line 128: '
    '"host all all all scram-sha-256"'
)


class Postgres(BaseWorkload):
    name = "postgres"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        tables = rng.sample(_pools.RESOURCES, 5)
        users = ("app", "grafana", "keycloak")
        backends = [rng.randrange(100, 30000) for _ in range(48)]
        clients = _pools.client_ips(rng)
        self.checkpointer = rng.randrange(26, 30)
        statements = []
        for t in tables:
            statements += [
                f"SELECT id, status, created_at FROM {t} WHERE customer_id = $1 ORDER BY "
                "created_at DESC LIMIT 20",
                f"UPDATE {t} SET status = $1, updated_at = now() WHERE id = $2",
                f"INSERT INTO {t} (customer_id, status, total) VALUES ($1, $2, $3) RETURNING id",
                f"SELECT count(*) FROM {t} WHERE status = 'pending'",
            ]
        singles: list[tuple[str, ...]] = []  # message parts after the prefix; `%s` for a duration
        for _ in range(96):
            singles.append((f"LOG:  duration: %s ms  statement: {rng.choice(statements)}",))
        for _ in range(12):
            ip, port, user = rng.choice(clients), rng.randrange(32768, 61000), rng.choice(users)
            # Printed only when the client set one (postmaster's connection log).
            app_name = rng.choice(
                ("", " application_name=PostgreSQL JDBC Driver", " application_name=psql")
            )
            singles.append((f"LOG:  connection received: host={ip} port={port}%.0s",))
            singles.append(
                (f"LOG:  connection authorized: user={user} database={user}{app_name}%.0s",)
            )
            session = f"0:{rng.randrange(0, 60):02d}:{rng.uniform(0, 59.999):06.3f}"
            singles.append(
                (
                    f"LOG:  disconnection: session time: {session} user={user} database={user} "
                    f"host={ip} port={port}%.0s",
                )
            )
        for t in tables:
            key = rng.randrange(1, 99999)
            singles.append(
                (
                    f'ERROR:  duplicate key value violates unique constraint "{t}_pkey"%.0s',
                    f"DETAIL:  Key (id)=({key}) already exists.",
                    f"STATEMENT:  INSERT INTO {t} (id, customer_id, status) VALUES ($1, $2, $3)",
                )
            )
            singles.append(
                (
                    f'ERROR:  relation "{t}_archive" does not exist at character 15%.0s',
                    f"STATEMENT:  SELECT * FROM {t}_archive WHERE id = $1",
                )
            )
        singles.append(
            ('FATAL:  password authentication failed for user "grafana"%.0s', f"DETAIL:  {_PG_HBA}")
        )
        singles.append(("LOG:  could not receive data from client: Connection reset by peer%.0s",))
        singles.append(
            (
                "ERROR:  canceling statement due to statement timeout%.0s",
                f"STATEMENT:  {statements[0]}",
            )
        )
        self.entries = sized(rng, [(rng.choice(backends), parts) for parts in singles], 8)
        self.durations = sized(rng, [f"{rng.lognormvariate(0.5, 1.6):.3f}" for _ in range(256)], 9)
        self.vacuum_tables = tables
        self._sec = -1
        self._date = ""

    def _prefix(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            self._sec, self._date = s, time.strftime("%Y-%m-%d %H:%M:%S.", time.gmtime(s))
        return self._date + MILLIS[int((now - s) * 1000)] + " UTC ["

    def _boot_lines(self, now: float) -> list[Emission]:
        p = self._prefix(now) + "1] "
        lines = (
            "LOG:  starting PostgreSQL 16.6 (Debian 16.6-1.pgdg120+1) on x86_64-pc-linux-gnu, "
            "compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit",
            'LOG:  listening on IPv4 address "0.0.0.0", port 5432',
            'LOG:  listening on IPv6 address "::", port 5432',
            'LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"',
            "LOG:  database system is ready to accept connections",
        )
        return [Emission("stderr", (p + line,)) for line in lines]

    def next(self, now: float) -> Emission:
        if self.booting and (boot := self._boot(now)) is not None:
            return boot
        head = self._prefix(now)
        bits = self.bits
        if bits(7):
            pid, parts = self.entries[bits(8)]
            p = f"{head}{pid}] "
            first = p + parts[0] % self.durations[bits(9)]
            if len(parts) == 1:
                return Emission("stderr", (first,))
            return Emission("stderr", (first, *(p + part for part in parts[1:])))
        if bits(1):
            p = f"{head}{self.checkpointer}] "
            if bits(1):
                return Emission("stderr", (p + "LOG:  checkpoint starting: time",))
            return Emission("stderr", (p + self._checkpoint_complete(),))
        return Emission("stderr", self._autovacuum(head))

    def _checkpoint_complete(self) -> str:
        r = self.rng
        buffers = r.randrange(1, 4000)
        return (
            f"LOG:  checkpoint complete: wrote {buffers} buffers ({buffers / 163.84:.1f}%); 0 WAL "
            "file(s) added, "
            f"0 removed, {r.randrange(0, 3)} recycled; write={r.uniform(0.1, 30):.3f} s, "
            f"sync={r.uniform(0, 0.05):.3f} s, "
            f"total={r.uniform(0.1, 30.1):.3f} s; sync files={r.randrange(1, 60)}, "
            f"longest=0.00{r.randrange(1, 9)} s, "
            f"average=0.001 s; distance={buffers * 8} kB, estimate={buffers * 9} kB; "
            f"lsn=0/{r.getrandbits(28):X}, redo lsn=0/{r.getrandbits(28):X}"
        )

    def _autovacuum(self, head: str) -> tuple[str, ...]:
        r = self.rng
        table = r.choice(self.vacuum_tables)
        pages, dead = r.randrange(50, 20000), r.randrange(0, 5000)
        return (
            f"{head}{r.randrange(200, 30000)}] LOG:  automatic vacuum of table "
            f'"app.public.{table}": index scans: 1',
            f"\tpages: 0 removed, {pages} remain, {pages} scanned (100.00% of total)",
            f"\ttuples: {dead} removed, {pages * 40} remain, 0 are dead but not yet removable",
            f"\tremovable cutoff: {r.randrange(10**5, 10**6)}, which was 0 XIDs old when operation "
            "ended",
            f'\tindex "{table}_pkey": pages: {pages // 8 + 2} in total, 0 newly deleted, 0 '
            "currently deleted, 0 reusable",
            f"\tavg read rate: 0.000 MB/s, avg write rate: {r.uniform(0, 40):.3f} MB/s",
            f"\tbuffer usage: {pages * 2} hits, 0 misses, {dead // 10} dirtied",
            f"\tWAL usage: {dead * 2} records, {dead // 50} full page images, {dead * 180} bytes",
            f"\tsystem usage: CPU: user: 0.0{r.randrange(10)} s, system: 0.00 s, elapsed: "
            f"0.{r.randrange(10, 99)} s",
        )

    # --- secrets --------------------------------------------------------------------

    def _pid(self, now: float) -> str:
        return f"{self._prefix(now)}{self.rng.randrange(100, 30000)}] "

    @staticmethod
    def _comment(marker: str) -> str:
        return f" /*controller='accounts',action='update',request_id='{marker}'*/"

    def _slow(self, sql: str) -> Any:
        """A statement over log_min_duration_statement, with the value as a literal."""

        def render(now: float, value: str, marker: str) -> Rendered:
            ms = self.rng.uniform(250, 4000)
            statement = sql.replace("{v}", value) + self._comment(marker)
            line = f"{self._pid(now)}LOG:  duration: {ms:.3f} ms  statement: {statement}"
            return Emission("stderr", (line,)), 0, value

        return render

    def _ddl(self, now: float, value: str, marker: str) -> Rendered:
        statement = f"ALTER ROLE app WITH PASSWORD '{value}'{self._comment(marker)}"
        line = f"{self._pid(now)}LOG:  statement: {statement}"
        return Emission("stderr", (line,)), 0, value

    def _ddl_error(self, now: float, value: str, marker: str) -> Rendered:
        p = self._pid(now)
        lines = (
            f'{p}ERROR:  role "reporting" already exists',
            f"{p}STATEMENT:  CREATE ROLE reporting LOGIN PASSWORD '{value}'{self._comment(marker)}",
        )
        return Emission("stderr", lines), 1, value

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        statement = f"SELECT pg_notify('audit', '{text}'){self._comment(marker)}"
        line = f"{self._pid(now)}LOG:  statement: {statement}"
        return Emission("stderr", (line,))

    def _secret_forms(self) -> FormTable:
        s = self._slow
        return {
            "postgres_password": (
                ("sql_statement", self._ddl),
                ("error_statement", self._ddl_error),
            ),
            "email": (
                ("sql_literal", s("SELECT id, password_hash FROM users WHERE email = '{v}'")),
            ),
            "credit_card": (
                ("sql_literal", s("UPDATE payment_methods SET card_number = '{v}' WHERE id = 42")),
            ),
            "ipv4": (
                (
                    "sql_literal",
                    s("INSERT INTO audit_log (client_ip, action) VALUES ('{v}', 'login')"),
                ),
            ),
            "api_key": (
                (
                    "sql_literal",
                    s("SELECT tenant_id FROM api_keys WHERE key = '{v}' AND revoked_at IS NULL"),
                ),
            ),
            "password_field": (
                ("sql_literal", s("UPDATE users SET password = '{v}' WHERE id = 7")),
            ),
        }
