"""Re-export shim for sim/loki/engine (not ours to edit); use sim.golang.strconv_format."""

from sim.golang.strconv_format import format_float_f

__all__ = ["format_float_f"]
