"""One call per HTTP push: parse the body (push.go ParseRequest), then the distributor.

The embedded Loki's server calls `PushPath.handle` for POST /loki/api/v1/push (and the
legacy /api/prom/push) and answers with the outcome's status and body. Time is passed in.
"""

from __future__ import annotations

from sim.errors import UnsupportedFeature
from sim.loki import messages as msg
from sim.loki.ingest.distributor import Distributor
from sim.loki.ingest.ingester import IngesterConfig
from sim.loki.ingest.outcome import DiscardKey, PushOutcome
from sim.loki.ingest.streams import IngesterRing
from sim.loki.limits import Limits
from sim.loki.push.body import DEFAULT_MAX_RECV_MSG_SIZE, PushBodyError, RawPush
from sim.loki.push.request import parse_loki_request


class PushPath:
    """The single binary's write path for every tenant."""

    def __init__(
        self,
        limits: Limits,
        *,
        ring: IngesterRing | None = None,
        ingester_config: IngesterConfig | None = None,
        max_recv_msg_size: int = DEFAULT_MAX_RECV_MSG_SIZE,
        json_max_bytes: int = 0,
    ) -> None:
        self.limits = limits
        self.distributor = Distributor(limits, ring, ingester_config)
        self.max_recv_msg_size = max_recv_msg_size
        self.json_max_bytes = json_max_bytes

    def handle(self, tenant: str, raw: RawPush, now: int) -> PushOutcome:
        """Answer one push request for `tenant` received at `now` (Unix nanoseconds)."""
        try:
            request, stats = parse_loki_request(
                raw, self.limits.discover_service_name, self.max_recv_msg_size, self.json_max_bytes
            )
        except PushBodyError as err:
            out = PushOutcome(tenant, status=err.status, body=err.text, stand_in_limit=err.stand_in)
            length = len(raw.body) if raw.content_length is None else raw.content_length
            if err.too_large and length > 0:
                # http.go counts the compressed size, with empty retention_hours and policy
                out.discard(DiscardKey(msg.REQUEST_BODY_TOO_LARGE, tenant), 0, length)
            return out
        except UnsupportedFeature as err:
            return PushOutcome(tenant, status=501, body=str(err), stand_in_limit=True)
        return self.distributor.push(tenant, request, now, PushOutcome(tenant, received=stats))
