"""`prometheus`: Prometheus 2.55 logging with go-kit's logfmt logger to stderr.

Lines read `ts=<RFC3339 millis> caller=file.go:line level=info component=tsdb msg="..."
pairs...`; the remote-write queue logs through a dedupe logger, which puts `component`
before `level`, and TSDB's head GC repeats `caller`, as the real binary does.
"""

from __future__ import annotations

from typing import Any

from sim.fleet.workloads import _pools
from sim.fleet.workloads._base import BaseWorkload, FormTable, Rendered, sized
from sim.fleet.workloads._clock import MILLIS, iso_seconds
from sim.fleet.workloads._types import Emission
from sim.fleet.workloads.logfmt_worker import go_duration

_GRAFANA_CLOUD = "prometheus-prod-24-prod-eu-west-2.grafana.net"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


class Prometheus(BaseWorkload):
    name = "prometheus"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        am = _pools.pod_ip(rng)
        lines = []  # after `ts=...Z `, one `%s` for a duration
        for _ in range(8):
            ulid = "01JD" + "".join(rng.choice(_CROCKFORD) for _ in range(22))
            mint = 1_764_000_000_000 + rng.randrange(0, 10**9)
            lines.append(
                f'caller=compact.go:576 level=info component=tsdb msg="write block" mint={mint} '
                f"maxt={mint + 7_200_000} ulid={ulid} duration=%s ooo=false"
            )
            lines.append(
                'caller=head.go:1355 level=info component=tsdb msg="Head GC completed" '
                "caller=truncateMemory duration=%s"
            )
            seg = rng.randrange(10, 900)
            lines.append(
                'caller=checkpoint.go:101 level=info component=tsdb msg="Creating checkpoint" '
                f"from_segment={seg} to_segment={seg + 2} mint={mint}%.0s"
            )
        lines.append(
            "caller=notifier.go:530 level=error component=notifier "
            f'alertmanager=http://{am}:9093/api/v2/alerts count=1 msg="Error sending alert" '
            'err="context deadline exceeded"%.0s'
        )
        lines.append(
            "caller=dedupe.go:112 component=remote level=warn remote_name=2ad3e4 "
            'url=http://mimir.monitoring.svc:9009/api/v1/push msg="Failed to send batch, retrying" '
            'err="server returned HTTP status 429 Too Many Requests: the request has been rejected '
            'because the tenant exceeded the ingestion rate limit"%.0s'
        )
        self.lines = sized(rng, lines, 6)
        self.durations = sized(
            rng, [go_duration(rng.lognormvariate(-2.5, 1.5)) for _ in range(128)], 7
        )
        self._sec = -1
        self._iso = ""

    def _ts(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            self._sec, self._iso = s, "ts=" + iso_seconds(s) + "."
        return self._iso + MILLIS[int((now - s) * 1000)] + "Z "

    def next(self, now: float) -> Emission:
        return Emission(
            "stderr", (self._ts(now) + self.lines[self.bits(6)] % self.durations[self.bits(7)],)
        )

    # --- secrets --------------------------------------------------------------------

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        return Emission(
            "stderr",
            (f'{self._ts(now)}caller=main.go:1201 level=debug msg="{text}" request={marker}',),
        )

    def _target(self, now: float, value: str, marker: str) -> Rendered:
        line = (
            f'{self._ts(now)}caller=scrape.go:1400 level=warn component="scrape manager" '
            f"scrape_pool={marker} "
            f'target=http://{value}:9100/metrics msg="Append failed" err="out of bounds"'
        )
        return Emission("stderr", (line,)), 0, value

    def _remote_write(self, now: float, value: str, marker: str) -> Rendered:
        url = f"https://1234567:{value}@{_GRAFANA_CLOUD}/api/prom/push"
        line = (
            f"{self._ts(now)}caller=dedupe.go:112 component=remote level=info remote_name={marker} "
            f'url={url} msg="Starting WAL watcher" queue=2ad3e4'
        )
        return Emission("stderr", (line,)), 0, value

    def _secret_forms(self) -> FormTable:
        return {
            "ipv4": (("scrape_target", self._target),),
            "basic_auth_url": (("remote_write_url", self._remote_write),),
        }
