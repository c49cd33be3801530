"""Re-export shim for sim/loki/engine and sim/loki/http (not ours to edit); use sim.golang."""

from sim.golang.strconv import NumError, parse_float, parse_int

__all__ = ["NumError", "parse_float", "parse_int"]
