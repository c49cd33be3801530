"""Push and query load straight at Loki, driven by Locust (loadtests/locustfile.py).

The modules the locustfile imports (options, client, payloads, queries, profiles) stay
small and import nothing heavy: Locust monkey-patches the process with gevent. The
scenario side (spec, runner, results, bench) runs in lokisim's own process and starts
Locust as a subprocess.
"""
