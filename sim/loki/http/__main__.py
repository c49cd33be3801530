"""`python -m sim.loki.http --config LOKI.yaml [--listen HOST:PORT] [--data DIR]`."""

from sim.loki.http.serve import main

main()
