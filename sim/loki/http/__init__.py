"""The embedded Loki's HTTP server (aiohttp): Loki 3.6's single binary as a scenario uses it.

    serve_loki(config_path, *, listen=None, data_dir=None) -> int   # `lokisim loki serve`
    bench_loki(seconds) -> dict                                      # `lokisim bench loki`

app.py is the route table; push.py, query.py, labels.py, tail.py and status.py answer;
runtime.py composes the push path, the store, the query engine and the metrics.
"""

from __future__ import annotations

from sim.loki.http.bench import bench_loki
from sim.loki.http.serve import serve_loki

__all__ = ["bench_loki", "serve_loki"]
