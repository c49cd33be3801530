"""Targets a scenario runs against: the embedded stack (subprocesses), compose, a URL."""
