"""`lokisim run`: the one composition root that builds a run's stack, fleet and verifier."""
