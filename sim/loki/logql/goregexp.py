"""Re-export shim for sim/loki/engine and sim/verify (not ours to edit); use sim.golang.regexp."""

from sim.golang.regexp import GoRegexpError, capture_names, compile_go

__all__ = ["GoRegexpError", "capture_names", "compile_go"]
