"""`logfmt-worker`: a Go queue worker logging with log/slog's TextHandler to stderr.

slog's text format: `time=<RFC3339 with millis> level=INFO msg="..." key=value ...`; a
value is quoted (strconv.Quote) when it is empty or holds a space, `=`, `"` or a control
character (log/slog/text_handler.go needsQuoting). Durations print as Go's
time.Duration.String (`1.234567s`, `85.2ms`, `950µs`).
"""

from __future__ import annotations

from typing import Any

from sim.fleet import secret_forms as tf
from sim.fleet.workloads._base import BaseWorkload, FormTable, Rendered, sized
from sim.fleet.workloads._clock import MILLIS, iso_seconds
from sim.fleet.workloads._types import Emission

_QUEUES = ("default", "emails", "webhooks", "thumbnails", "billing", "exports")
_ERRORS = (
    '"dial tcp 10.43.7.21:5432: connect: connection refused"',
    '"context deadline exceeded"',
    '"smtp: 451 4.7.1 Try again later"',
    '"unexpected status 502 from webhook endpoint"',
    '"image: unknown format"',
)


def go_duration(seconds: float) -> str:
    """time.Duration.String: `950µs`, `85.2ms`, `1.5s`, `2m3.25s`, `1h0m0s` (zeros trimmed)."""
    ns = max(round(seconds * 1e9), 1)
    if ns < 1_000:
        return f"{ns}ns"
    if ns < 1_000_000_000:
        unit, scale = ("µs", 1_000) if ns < 1_000_000 else ("ms", 1_000_000)
        return _fraction(ns, scale) + unit
    hours, rest = divmod(ns, 3_600_000_000_000)
    minutes, rest = divmod(rest, 60_000_000_000)
    text = _fraction(rest, 1_000_000_000) + "s"
    if hours or minutes:
        text = f"{minutes}m{text}"
    return f"{hours}h{text}" if hours else text


def _fraction(count: int, scale: int) -> str:
    """`count / scale` in decimal, trailing zeros (and a bare point) dropped."""
    whole, frac = divmod(count, scale)
    digits = f"{frac:0{len(str(scale)) - 1}d}".rstrip("0")
    return f"{whole}.{digits}" if digits else str(whole)


def logfmt_value(value: str) -> str:
    """slog's quoting; a one-line PEM stands for a key with real newlines, so it is quoted."""
    if not value or "\\n" in value or any(c in ' ="' or c < " " for c in value):
        return '"' + value + '"'
    return value


class LogfmtWorker(BaseWorkload):
    name = "logfmt-worker"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        self.job_id = rng.randrange(10_000, 5_000_000)
        queues = rng.sample(_QUEUES, 3)
        durations = [go_duration(rng.lognormvariate(-1.5, 1.2)) for _ in range(256)]
        self.durations = sized(rng, durations, 10)
        lines: list[str] = []  # everything after `time=...Z `, `%d` for the job id
        for queue in queues:
            lines += [f'level=INFO msg="job started" queue={queue} job_id=%d attempt=1'] * 8
            lines += [f'level=INFO msg="job finished" queue={queue} job_id=%d duration=%s'] * 8
            lines += [
                f'level=INFO msg="queue stats" queue={queue} processed=%d '
                f"pending={rng.randrange(0, 40)} active={rng.randrange(0, 8)}"
            ]
            for err in _ERRORS:
                lines.append(
                    f'level=WARN msg="job retry scheduled" queue={queue} job_id=%d attempt=2 '
                    f"backoff=4s err={err}"
                )
            lines.append(
                f'level=ERROR msg="job failed" queue={queue} job_id=%d attempt=5 '
                f"err={rng.choice(_ERRORS)} duration=%s"
            )
        self.lines = sized(rng, [line if "%s" in line else line + "%.0s" for line in lines], 8)
        self._sec = -1
        self._iso = ""

    def _time(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            self._sec, self._iso = s, "time=" + iso_seconds(s) + "."
        return self._iso + MILLIS[int((now - s) * 1000)] + "Z "

    def next(self, now: float) -> Emission:
        s = int(now)
        if s != self._sec:
            self._sec, self._iso = s, "time=" + iso_seconds(s) + "."
        self.job_id += 1
        bits = self.bits
        body = self.lines[bits(8)] % (self.job_id - bits(4), self.durations[bits(10)])
        return Emission("stderr", (self._iso + MILLIS[int((now - s) * 1000)] + "Z " + body,))

    # --- secrets --------------------------------------------------------------------

    def _line(self, now: float, level: str, msg: str, marker: str, pairs: str) -> str:
        return f'{self._time(now)}level={level} msg="{msg}" req={marker} {pairs}'

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        return Emission(
            "stderr", (self._line(now, "DEBUG", "debug", marker, f"detail={logfmt_value(text)}"),)
        )

    def _kv(self, level: str, msg: str, pairs: str, fragment: tf.Fragment | None = None) -> Any:
        """`pairs` holds `{v}` (the value, quoted as slog would) or `{f}` (a text fragment)."""

        def render(now: float, value: str, marker: str) -> Rendered:
            text = pairs.replace("{v}", logfmt_value(value))
            if fragment is not None:
                text = text.replace("{f}", logfmt_value(fragment(value, self.rng)))
            return Emission("stderr", (self._line(now, level, msg, marker, text),)), 0, value

        return render

    def _peer(self, now: float, value: str, marker: str) -> Rendered:
        pairs = f"queue=webhooks job_id={self.job_id} peer={value}:443 status=502"
        return (
            Emission(
                "stderr", (self._line(now, "WARN", "webhook delivery failed", marker, pairs),)
            ),
            0,
            value,
        )

    def _secret_forms(self) -> FormTable:
        kv = self._kv
        return {
            "postgres_password": (
                ("postgres_url", kv("INFO", "connecting to database", "dsn={f}", tf.postgres_url)),
                ("libpq_dsn", kv("INFO", "connecting to database", "dsn={f}", tf.libpq_dsn)),
                ("env_dump", kv("DEBUG", "environment", "POSTGRES_USER=app POSTGRES_PASSWORD={v}")),
            ),
            "bearer_jwt": (
                (
                    "auth_header",
                    kv(
                        "DEBUG",
                        "calling upstream",
                        "url=https://api.internal/v1/jobs authorization={f}",
                        lambda v, r: f"Bearer {v}",
                    ),
                ),
            ),
            "aws_secret_key": (
                (
                    "logfmt_field",
                    kv(
                        "INFO",
                        "s3 uploader ready",
                        "bucket=exports region=eu-central-1 aws_secret_access_key={v}",
                    ),
                ),
                (
                    "env_dump",
                    kv(
                        "DEBUG",
                        "environment",
                        "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE AWS_SECRET_ACCESS_KEY={v}",
                    ),
                ),
            ),
            "api_key": (
                ("logfmt_field", kv("INFO", "mailer configured", "provider=mailgun api_key={v}")),
            ),
            "credit_card": (
                (
                    "logfmt_field",
                    kv("ERROR", "charge failed", 'queue=billing card={v} err="card_declined"'),
                ),
            ),
            "email": (
                (
                    "logfmt_field",
                    kv("INFO", "sending email", "queue=emails template=welcome to={v}"),
                ),
            ),
            "ipv4": (("peer", self._peer),),
            "github_token": (
                (
                    "logfmt_field",
                    kv("DEBUG", "git credentials loaded", "user=x-access-token token={v}"),
                ),
                (
                    "url_credential",
                    kv("INFO", "cloning repository", "url={f}", tf.github_clone_url),
                ),
            ),
            "password_field": (
                (
                    "logfmt_field",
                    kv("DEBUG", "smtp login", "host=smtp.homelab.lan user=worker password={v}"),
                ),
            ),
            "private_key": (
                ("logfmt_field", kv("DEBUG", "signer configured", "alg=ES256 signing_key={v}")),
            ),
            "slack_webhook": (
                ("logfmt_field", kv("INFO", "notifier configured", "kind=slack webhook={v}")),
            ),
            "basic_auth_url": (
                (
                    "amqp_url",
                    kv(
                        "INFO",
                        "connected to broker",
                        "url={f}",
                        lambda v, r: f"amqp://worker:{v}@rabbitmq.queue.svc:5672/",
                    ),
                ),
                (
                    "redis_url",
                    kv(
                        "INFO",
                        "connected to redis",
                        "url={f}",
                        lambda v, r: f"redis://default:{v}@redis.cache.svc:6379/0",
                    ),
                ),
            ),
        }
