"""lokisim: what a Loki + Promtail configuration really does to a cluster's logs."""

__version__ = "0.1.0"
