"""`kube-system`: cluster add-ons; klog for kube-proxy, flannel and metrics-server, and
CoreDNS's query log when the app is `coredns`.

klog's header (k8s.io/klog/v2): `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`, the
level letter I/W/E, the thread id (the pid, 1 in a container) right-aligned in 7
columns; structured calls print `"msg" key="value" ...`. klog writes to stderr.
CoreDNS's log plugin default format, on stdout with no timestamp:
`[INFO] {remote}:{port} - {id} "{type} {class} {name} {proto} {size} {do} {bufsize}"
{rcode} {rflags} {rsize} {duration}`.
"""

from __future__ import annotations

import time
from typing import Any

from sim.fleet.workloads import _pools
from sim.fleet.workloads._base import BaseWorkload, FormTable, Rendered, sized
from sim.fleet.workloads._types import Emission
from sim.fleet.workloads.logfmt_worker import go_duration

_KLOG_INFO = (
    'proxier.go:805] "Syncing iptables rules" ipFamily="IPv4"',
    'proxier.go:1494] "Reloading service iptables data" ipFamily="IPv4" numServices=24 '
    "numEndpoints=31 numFilterChains=6 numFilterRules=7 numNATChains=42 numNATRules=98",
    'proxier.go:799] "SyncProxyRules complete" ipFamily="IPv4" elapsed="%s"',
    'reflector.go:368] "Caches populated" type="*v1.EndpointSlice" '
    'reflector="k8s.io/client-go/informers/factory.go:160"',
    'vxlan_network.go:65] "watching for new subnet leases"',
    'iptables.go:283] "bootstrap done"',
    'server.go:191] "Failed probe" probe="metric-storage-ready" err="no metrics to serve"',
)
_KLOG_TROUBLE = (
    "W%s reflector.go:561] k8s.io/client-go/informers/factory.go:160: failed to list "
    '*v1.EndpointSlice: Get "https://10.43.0.1:443/apis/discovery.k8s.io/v1/endpointslices'
    '?limit=500&resourceVersion=0": '
    "dial tcp 10.43.0.1:443: connect: connection refused",
    'E%s reflector.go:158] "Unhandled Error" err="k8s.io/client-go/informers/factory.go:160: '
    "Failed to watch *v1.EndpointSlice: the server has asked for the client to provide "
    'credentials" logger="UnhandledError"',
    'E%s scraper.go:149] "Failed to scrape node" '
    'err="Get \\"https://192.168.1.22:10250/metrics/resource\\": '
    'context deadline exceeded" node="k3s-node-2"',
)
_EXTERNAL = ("api.github.com", "registry-1.docker.io", "ghcr.io", "hooks.slack.com", "grafana.com")
_RESOLVERS = ("1.1.1.1", "8.8.8.8", "192.168.1.1")


def dns_tail(qtype: str, name: str, proto: str, outcome: str, answer: int) -> str:
    """`"{type} IN {name} {proto} {size} false {bufsize}" {rcode} {rflags} {rsize} `"""
    size = len(name) + 18  # header, question and the OPT record
    bufsize = 65535 if proto == "tcp" else 512
    return f'"{qtype} IN {name} {proto} {size} false {bufsize}" {outcome} {size + answer} '


class KubeSystem(BaseWorkload):
    name = "kube-system"

    def _setup(self, fake: Any) -> None:
        rng = self.rng
        self.coredns = "coredns" in self.app.lower()
        self.clients = sized(rng, _pools.client_ips(rng), 5)
        self.durations = sized(rng, [go_duration(rng.lognormvariate(-4, 1)) for _ in range(128)], 8)
        # CoreDNS prints the duration as float seconds (strconv 'f', -1) of a whole ns count.
        seconds = [
            ("%.9f" % (int(rng.lognormvariate(-8.5, 1.2) * 1e9) / 1e9)).rstrip("0")
            for _ in range(128)
        ]
        self.dns_durations = sized(rng, seconds, 8)
        info = [f"I%s {m}" for m in _KLOG_INFO]
        # (template, whether it takes an elapsed time besides the timestamp)
        self.klog = sized(rng, [(t, '"%s"' in t) for t in info * 12 + list(_KLOG_TROUBLE)], 8)
        self.queries = sized(rng, self._queries(), 9)
        self._sec = -1
        self._stamp = ""

    def _queries(self) -> list[str]:
        """`"A IN name. udp 58 false 512" NOERROR qr,aa,rd 122 ` tails, search paths included."""
        rng, out = self.rng, []
        namespaces = ("default", "prod", "monitoring", self.namespace)
        for res in _pools.RESOURCES:
            name = f"{res}.{rng.choice(namespaces)}.svc.cluster.local."
            for qtype in ("A", "AAAA"):
                out.append(dns_tail(qtype, name, "udp", "NOERROR qr,aa,rd", 64))
        for host in _EXTERNAL:
            for suffix in ("default.svc.cluster.local.", "svc.cluster.local.", "cluster.local."):
                out.append(dns_tail("A", f"{host}.{suffix}", "udp", "NXDOMAIN qr,aa,rd", 111))
            out.append(dns_tail("A", f"{host}.", "tcp", "NOERROR qr,rd,ra", 80))
        return out

    def _klog_time(self, now: float) -> str:
        s = int(now)
        if s != self._sec:
            t = time.gmtime(s)
            day = f"{t.tm_mon:02d}{t.tm_mday:02d}"
            self._sec, self._stamp = s, f"{day} {t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}."
        # klog pads the thread id (the pid: 1 in a container) to 7 columns.
        return f"{self._stamp}{int((now - s) * 1_000_000):06d}       1"

    def _boot_lines(self, now: float) -> list[Emission]:
        if self.coredns:
            sha = f"{self.rng.getrandbits(512):0128x}"
            banner = (
                ".:53",
                f"[INFO] plugin/reload: Running configuration SHA512 = {sha}",
                "CoreDNS-1.11.3",
                "linux/amd64, go1.21.11, a6338e9",
            )
            return [Emission("stdout", (line,)) for line in banner]
        t = self._klog_time(now)
        return [
            Emission("stderr", (f'I{t} server_linux.go:66] "Using iptables proxy"',)),
            Emission(
                "stderr",
                (f'I{t} server.go:677] "Successfully retrieved node IP(s)" IPs=["192.168.1.21"]',),
            ),
        ]

    def next(self, now: float) -> Emission:
        if self.booting and (boot := self._boot(now)) is not None:
            return boot
        bits = self.bits
        if self.coredns:
            if bits(9) == 0:  # an upstream resolver timed out
                resolver = _RESOLVERS[bits(1)]
                query = f"{_EXTERNAL[bits(2)]}. A"
                read = f"read udp 10.42.0.5:{32768 + bits(14)}->{resolver}:53: i/o timeout"
                line = f"[ERROR] plugin/errors: 2 {query}: {read}"
                return Emission("stdout", (line,))
            q = self.queries[bits(9)]
            client = self.clients[bits(5)]
            line = (
                f"[INFO] {client}:{32768 + bits(15)} - {bits(16)} {q}{self.dns_durations[bits(8)]}s"
            )
            return Emission("stdout", (line,))
        template, elapsed = self.klog[bits(8)]
        stamp = self._klog_time(now)
        line = template % (stamp, self.durations[bits(8)]) if elapsed else template % stamp
        return Emission("stderr", (line,))

    # --- secrets --------------------------------------------------------------------

    def _plain(self, now: float, text: str, marker: str) -> Emission:
        if self.coredns:
            return Emission("stdout", (f"[WARNING] plugin/kubernetes: request {marker}: {text}",))
        return Emission(
            "stderr",
            (
                f'I{self._klog_time(now)} handler.go:42] "Debug" requestID="{marker}" '
                f'detail="{text}"',
            ),
        )

    def _http_log(self, now: float, value: str, marker: str) -> Rendered:
        line = (
            f'I{self._klog_time(now)} httplog.go:134] "HTTP" verb="GET" '
            'URI="/apis/metrics.k8s.io/v1beta1/pods" '
            'latency="3.2ms" userAgent="kubectl/v1.31.2 (linux/amd64) kubernetes/5864a46" '
            f'audit-ID="{marker}" '
            f'srcIP="{value}:{self.rng.randrange(32768, 61000)}" resp=200'
        )
        return Emission("stderr", (line,)), 0, value

    def _forbidden(self, now: float, value: str, marker: str) -> Rendered:
        pairs = f'audit-ID="{marker}" user="{value}" verb="list" resource="nodes"'
        line = f'W{self._klog_time(now)} authorization.go:94] "Forbidden" {pairs}'
        return Emission("stderr", (line,)), 0, value

    def _curl(self, now: float, value: str, marker: str) -> Rendered:
        # client-go's round_trippers debug line (-v=7 and up) from before bearer tokens were masked.
        line = (
            f'I{self._klog_time(now)} round_trippers.go:466] curl -v -XGET  -H "Accept: '
            'application/json, */*" '
            f'-H "X-Request-Id: {marker}" -H "Authorization: Bearer {value}" '
            "'https://10.43.0.1:443/api/v1/nodes?limit=500'"
        )
        return Emission("stderr", (line,)), 0, value

    def _dns_client(self, now: float, value: str, marker: str) -> Rendered:
        name = f"{marker}.telemetry.example.com."
        client = f"{value}:{self.rng.randrange(32768, 61000)} - {self.bits(16)}"
        tail = dns_tail("A", name, "udp", "NXDOMAIN qr,rd,ra", 100)
        line = f"[INFO] {client} {tail}0.0{self.rng.randrange(10000, 99999)}s"
        return Emission("stdout", (line,)), 0, value

    def _secret_forms(self) -> FormTable:
        if self.coredns:
            return {"ipv4": (("dns_query_client", self._dns_client),)}
        return {
            "ipv4": (("klog_kv", self._http_log),),
            "email": (("klog_kv", self._forbidden),),
            "bearer_jwt": (("curl_debug", self._curl),),
        }
