"""`grafana`: Grafana 11 logging in its default console format, logfmt on stdout.

Lines read `logger=<name> [context pairs] t=<RFC3339 with nanoseconds> level=info
msg="..." pairs...`, the context pairs (userId, orgId, uname) coming before `t` as
Grafana's log.New(...).New(ctx...) builds them. Request lines ("Request Completed")
appear for error statuses, as the router logs them without router_logging.
"""

from __future__ import annotations

import time
from typing import Any

from sim.fleet.workloads import _pools
from sim.fleet.workloads._base import BaseWorkload, FormTable, Rendered, sized
from sim.fleet.workloads._types import Emission
from sim.fleet.workloads.logfmt_worker import go_duration

_PATHS = (
    ("/api/ds/query", "/api/ds/query"),
    ("/api/live/ws", "/api/live/ws"),
    ("/api/dashboards/uid/%s", "/api/dashboards/uid/:uid"),
    ("/api/datasources/proxy/uid/%s/api/v1/query_range", "/api/datasources/proxy/uid/:uid/*"),
)


class Grafana(BaseWorkload):
    name = "grafana"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        self.users = ("admin", *(fake.user_name() for _ in range(3)))
        uids = [
            "".join(rng.choices("abcdefghijklmnopqrstuvwxyz0123456789", k=14)) for _ in range(6)
        ]
        self.ips = sized(rng, _pools.client_ips(rng), 5)
        self.durations = sized(
            rng, [go_duration(rng.lognormvariate(-3.5, 1.3)) for _ in range(128)], 8
        )
        chatter: list[str] = []  # (before `t=`, after the timestamp) joined by a NUL
        for _ in range(24):
            chatter.append('logger=cleanup\0 level=info msg="Completed cleanup jobs" duration=%s')
            chatter.append(
                'logger=plugins.update.checker\0 level=info msg="Update check succeeded" '
                "duration=%s"
            )
            uid = rng.choice(uids)
            chatter.append(
                f'logger=ngalert.state.manager rule_uid={uid} org_id=1\0 level=info msg="State '
                'manager processing evaluation results" resultCount=1%.0s'
            )
            chatter.append(
                "logger=tsdb.loki endpoint=queryData pluginId=loki dsName=Loki "
                "dsUID=P8E80F9AEF21F6940 uname=admin fromAlert=false\0 "
                'level=info msg="Response received from loki" duration=%s stage=databaseRequest '
                "status=ok "
                'query="{namespace=\\"prod\\"} |= \\"error\\"" queryType=range direction=backward '
                "maxLines=1000"
            )
        for user in self.users:
            for path, handler in _PATHS:
                status = rng.choice((400, 401, 403, 404, 500, 502))
                shown = path % rng.choice(uids) if "%s" in path else path
                chatter.append(
                    f"logger=context userId={self.users.index(user) + 1} orgId=1 uname={user}\0 "
                    "level=error "
                    f'msg="Request Completed" method=GET path={shown} status={status} '
                    "remote_addr=%s time_ms=3 "
                    f"duration=3.1ms size=112 referer= handler={handler} status_source=server"
                )
        self.chatter = sized(rng, [tuple(c.split("\0")) for c in chatter], 8)
        self._sec = -1
        self._iso = ""

    def _t(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            self._sec, self._iso = s, time.strftime(" t=%Y-%m-%dT%H:%M:%S.", time.gmtime(s))
        return f"{self._iso}{int((now - s) * 1e9):09d}Z"

    def next(self, now: float) -> Emission:
        head, tail = self.chatter[self.bits(8)]
        fill = self.ips[self.bits(5)] if "remote_addr=%s" in tail else self.durations[self.bits(8)]
        return Emission("stdout", (head + self._t(now) + tail % fill,))

    # --- secrets --------------------------------------------------------------------

    def _request(self, now: float, user: str, ip: str, marker: str) -> str:
        return (
            f'logger=context userId=7 orgId=1 uname={user}{self._t(now)} level=error msg="Request '
            'Completed" '
            f"method=GET path=/api/dashboards/uid/{marker} status=404 remote_addr={ip} time_ms=2 "
            "duration=2.4ms "
            "size=33 referer= handler=/api/dashboards/uid/:uid status_source=server"
        )

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        return Emission(
            "stdout", (f'logger=debug{self._t(now)} level=debug msg="{text}" requestID={marker}',)
        )

    def _remote_addr(self, now: float, value: str, marker: str) -> Rendered:
        return Emission("stdout", (self._request(now, "admin", value, marker),)), 0, value

    def _uname(self, now: float, value: str, marker: str) -> Rendered:
        return Emission("stdout", (self._request(now, value, self.ips[0], marker),)), 0, value

    def _secret_forms(self) -> FormTable:
        return {
            "ipv4": (("remote_addr", self._remote_addr),),
            "email": (("logfmt_field", self._uname),),
        }
