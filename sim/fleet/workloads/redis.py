"""`redis`: the official redis:7.4 image, logging to stdout at `loglevel verbose`.

serverLogRaw's format: `pid:role dd Mon yyyy hh:mm:ss.mmm <level> message`, role `M`
for the primary, `C` for a forked child (RDB saves), level `.` debug, `-` verbose,
`*` notice, `#` warning. With verbose on, every client connect and disconnect is a line.
"""

from __future__ import annotations

import time
from typing import Any

from sim.fleet.workloads import _pools
from sim.fleet.workloads._base import BaseWorkload, FormTable, Rendered, sized
from sim.fleet.workloads._clock import MILLIS, MONTHS
from sim.fleet.workloads._types import Emission

_OVERCOMMIT = (
    "WARNING Memory overcommit must be enabled! Without it, a background save or replication may "
    "fail under low "
    "memory condition. Being disabled, it can also cause failures without low memory condition, "
    "see "
    "https://github.com/jemalloc/jemalloc/issues/1328. To fix this issue add 'vm.overcommit_memory "
    "= 1' to "
    "/etc/sysctl.conf and then reboot or run the command 'sysctl vm.overcommit_memory=1' for this "
    "to take effect."
)
_BOOT = (
    ("1:C", "#", _OVERCOMMIT),
    ("1:C", "*", "oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo"),
    ("1:C", "*", "Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started"),
    (
        "1:C",
        "#",
        "Warning: no config file specified, using the default config. In order to specify a config "
        "file use redis-server /path/to/redis.conf",
    ),
    ("1:M", "*", "monotonic clock: POSIX clock_gettime"),
    ("1:M", "*", "Running mode=standalone, port=6379."),
    ("1:M", "*", "Server initialized"),
    ("1:M", "*", "Ready to accept connections tcp"),
)
_CLIENT_TAIL = (
    " fd=%d name=%s age=%d idle=0 flags=N db=0 sub=0 psub=0 ssub=0 multi=-1 watch=0 qbuf=0 "
    "qbuf-free=0 argv-mem=0 "
    "multi-mem=0 rbs=1024 rbp=0 obl=0 oll=0 omem=0 tot-mem=1928 events=r cmd=quit user=default "
    "redir=-1 resp=2 "
    "lib-name= lib-ver="
)


class Redis(BaseWorkload):
    name = "redis"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        self.local = _pools.pod_ip(rng)
        self.clients = sized(rng, _pools.client_ips(rng), 5)
        self.client_id = rng.randrange(3, 500)
        self.child = rng.randrange(20, 400)
        self.cycle = 0
        self._sec = -1
        self._date = ""

    def _stamp(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            t = time.gmtime(s)
            hms = f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}."
            self._sec, self._date = (
                s,
                f"{t.tm_mday:02d} {MONTHS[t.tm_mon - 1]} {t.tm_year} {hms}",
            )
        return self._date + MILLIS[int((now - s) * 1000)]

    def _boot_lines(self, now: float) -> list[Emission]:
        ts = self._stamp(now)
        return [Emission("stdout", (f"{who} {ts} {level} {text}",)) for who, level, text in _BOOT]

    def next(self, now: float) -> Emission:
        if self.booting and (boot := self._boot(now)) is not None:
            return boot
        ts = self._stamp(now)
        bits = self.bits
        if bits(6):
            self.client_id += 1
            ip, port = self.clients[bits(5)], 32768 + bits(14)
            if bits(1):
                return Emission("stdout", (f"1:M {ts} - Accepted {ip}:{port}",))
            return Emission("stdout", (self._closed(ts, ip, port, ""),))
        return Emission("stdout", (self._save_step(ts),))

    def _closed(self, ts: str, ip: str, port: int, name: str) -> str:
        addr = f"addr={ip}:{port} laddr={self.local}:6379"
        head = f"1:M {ts} - Client closed connection id={self.client_id} {addr}"
        return head + _CLIENT_TAIL % (self.bits(5) + 8, name, self.bits(7))

    def _save_step(self, ts: str) -> str:
        """The next line of the RDB save cycle: trigger, fork, child report, completion."""
        step, self.cycle = self.cycle % 5, self.cycle + 1
        if step == 0:
            self.child += self.bits(6) + 1
            return f"1:M {ts} * 100 changes in 300 seconds. Saving..."
        if step == 1:
            return f"1:M {ts} * Background saving started by pid {self.child}"
        if step == 2:
            return f"{self.child}:C {ts} * DB saved on disk"
        if step == 3:
            mb = self.bits(2)
            cow = f"current {mb} MB, peak {mb} MB, average {mb // 2} MB"
            return f"{self.child}:C {ts} * Fork CoW for RDB: {cow}"
        return f"1:M {ts} * Background saving terminated with success"

    # --- secrets --------------------------------------------------------------------

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        return Emission("stdout", (f"1:M {self._stamp(now)} # Client {marker}: {text}",))

    def _client_closed(self, now: float, value: str, marker: str) -> Rendered:
        self.client_id += 1
        line = self._closed(self._stamp(now), value, self.rng.randrange(32768, 61000), marker)
        return Emission("stdout", (line,)), 0, value

    def _secret_forms(self) -> FormTable:
        return {"ipv4": (("client_addr", self._client_closed),)}
