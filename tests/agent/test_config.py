"""Loading Promtail configs: defaults, yaml.v2's strict errors, and what lokisim refuses."""

from __future__ import annotations

import textwrap

import pytest

from sim.agent.config import parse_config
from sim.agent.config_model import PromtailConfig
from sim.errors import AgentConfigError, UnsupportedFeature

MINIMAL = """
clients:
  - url: http://loki:3100/loki/api/v1/push
scrape_configs:
  - job_name: pods
    static_configs:
      - labels: {__path__: /var/log/pods/*/*/*.log}
"""


def load(text: str, env: dict[str, str] | None = None) -> PromtailConfig:
    return parse_config(
        textwrap.dedent(text), "promtail.yaml", expand_env_vars=env is not None, environ=env
    )


def test_defaults() -> None:
    config = load(MINIMAL)
    client = config.clients[0]
    # client/config.go: BatchWait 1s, BatchSize 1 MiB, MinBackoff 500ms, MaxBackoff 5m,
    # MaxRetries 10, Timeout 10s; http_config.go DefaultHTTPClientConfig follows redirects.
    assert (client.batch_wait_ns, client.batch_size, client.timeout_ns) == (10**9, 1 << 20, 10**10)
    assert (client.backoff.min_period_ns, client.backoff.max_period_ns) == (5 * 10**8, 300 * 10**9)
    assert client.backoff.max_retries == 10 and client.follow_redirects
    assert (client.tenant_id, client.external_labels, client.host) == ("", {}, "loki:3100")
    # positions.go flags: /var/log/positions.yaml, 10s; filetarget.go: target.sync-period 10s,
    # DefaultWatchConfig 250ms..250ms; dskit server.go: server.http-listen-port 80.
    assert config.positions.filename == "/var/log/positions.yaml"
    assert config.positions.sync_period_ns == 10**10
    assert config.target_config.sync_period_ns == 10**10
    assert (config.file_watch.min_poll_ns, config.file_watch.max_poll_ns) == (25 * 10**7,) * 2
    assert config.server.http_listen_port == 80 and config.server.http_listen_address == ""
    # limit/config.go flags: readline_rate 10000, burst 10000, disabled, drop; no limits.
    limits = config.limits
    assert (limits.readline_rate, limits.readline_burst) == (10000.0, 10000)
    assert not limits.readline_rate_enabled and limits.readline_rate_drop
    assert (limits.max_streams, limits.max_line_size) == (0, 0)
    (scrape,) = config.scrape_configs
    assert scrape.static_configs[0].targets == () and scrape.pipeline_stages == []


def test_values_and_yaml_v2_scalars() -> None:
    config = load(
        """
        server: {http_listen_port: 0x50, http_listen_address: 127.0.0.1}
        clients:
          - url: http://loki/push
            batchwait: 500ms
            batchsize: 2048
            timeout: 1000   # a bare number is nanoseconds, as yaml.v2 sets a time.Duration
            tenant_id: on   # a string field keeps the text yaml.v2 read, not a bool
            external_labels: {cluster: homelab}
            backoff_config: {min_period: 1s, max_period: 2s, max_retries: 0}
            headers: {X-Extra: yes}
        limits_config: {max_line_size: 256kb, max_line_size_truncate: y}
        scrape_configs:
          - job_name: a
            pipeline_stages:
              - timestamp: {source: t, format: 15:04, location: 2025-01-01}
        """
    )
    client = config.clients[0]
    assert config.server.http_listen_port == 80
    assert (client.batch_wait_ns, client.batch_size, client.timeout_ns) == (5 * 10**8, 2048, 1000)
    assert client.tenant_id == "on" and client.headers == {"X-Extra": "yes"}
    assert client.backoff.max_retries == 0
    # flagext.ByteSize upper-cases then parses (256KB = 262144); yaml.v2 reads `y` as true.
    assert config.limits.max_line_size == 262144 and config.limits.max_line_size_truncate
    # interface{} values: yaml.v2 has no base-60 ints and keeps date-like text as text.
    stage = config.scrape_configs[0].pipeline_stages[0]["timestamp"]
    assert stage == {"source": "t", "format": "15:04", "location": "2025-01-01"}


# (YAML, field, message): yaml.v2 decode.go's strict-mode wording with each struct's Go name.
STRICT = [
    ("foo: 1\n", "foo", "line 1: field foo not found in type main.Config"),  # cmd/promtail/main.go
    (
        "scrape_configs:\n  - job_name: a\n    bar: 1\n",
        "scrape_configs[0].bar",
        "line 3: field bar not found in type scrapeconfig.plain",
    ),
    (
        "clients:\n  - url: x\n    batch_wait: 1s\n",
        "clients[0].batch_wait",
        "line 3: field batch_wait not found in type client.raw",
    ),
    (
        "positions:\n  file: x\n",
        "positions.file",
        "line 2: field file not found in type positions.Config",
    ),
    ("server:\n  port: 1\n", "server.port", "line 2: field port not found in type server.Config"),
    (
        "clients:\n  - url: x\n    tls_config: {cafile: x}\n",
        "clients[0].tls_config.cafile",
        "line 3: field cafile not found in type config.plain",
    ),
    (
        "clients:\n  - url: x\n    backoff_config: {retries: 1}\n",
        "clients[0].backoff_config.retries",
        "line 3: field retries not found in type backoff.Config",
    ),
    (
        "scrape_configs:\n  - job_name: a\n    relabel_configs: [{sources: [a]}]\n",
        "scrape_configs[0].relabel_configs[0].sources",
        "line 3: field sources not found in type relabel.plain",
    ),
    (
        "scrape_configs:\n  - job_name: a\n    static_configs: [{label: {a: b}}]\n",
        "scrape_configs[0].static_configs[0].label",
        'line 3: field label not found in type struct { Targets []string "yaml:\\"targets\\""; Labels model.LabelSet "yaml:\\"labels\\"" }',
    ),
    (
        "limits_config: {max_lines: 1}\n",
        "limits_config.max_lines",
        "line 1: field max_lines not found in type limit.Config",
    ),
    (
        "target_config: {period: 1s}\n",
        "target_config.period",
        "line 1: field period not found in type file.Config",
    ),
    (
        "global: {file_watch_config: {poll: 1s}}\n",
        "global.file_watch_config.poll",
        "line 1: field poll not found in type file.WatchConfig",
    ),
    ("options: {x: 1}\n", "options.x", "line 1: field x not found in type config.Options"),
    (
        "scrape_configs:\n  - job_name: a\n    job_name: b\n",
        "scrape_configs[0].job_name",
        "line 3: field job_name already set in type scrapeconfig.plain",
    ),
    (
        "clients:\n  - url: x\n    headers: {A: b, A: c}\n",
        "clients[0].headers.A",
        'line 3: key "A" already set in map',
    ),
    # decode.go terror: the value (cut to 7 characters past 10) and the Go type.
    (
        "clients:\n  - url: x\n    batchsize: abc\n",
        "clients[0].batchsize",
        "line 3: cannot unmarshal !!str `abc` into int",
    ),
    (
        "clients:\n  - url: x\n    batchsize: abcdefghijklmnop\n",
        "clients[0].batchsize",
        "line 3: cannot unmarshal !!str `abcdefg...` into int",
    ),
    (
        "clients:\n  - url: x\n    batchwait: 1x\n",
        "clients[0].batchwait",
        "line 3: cannot unmarshal !!str `1x` into time.Duration",
    ),
    (
        "clients:\n  - url: x\n    drop_rate_limited_batches: 1\n",
        "clients[0].drop_rate_limited_batches",
        "line 3: cannot unmarshal !!int `1` into bool",
    ),
    ("clients: {url: x}\n", "clients", "line 1: cannot unmarshal !!map into []client.Config"),
    (
        "scrape_configs:\n  - job_name: a\n    pipeline_stages: {cri: {}}\n",
        "scrape_configs[0].pipeline_stages",
        "line 3: cannot unmarshal !!map into stages.PipelineStages",
    ),
    # scrapeconfig.go UnmarshalYAML; config.go UnmarshalYAML.
    ("scrape_configs:\n  - static_configs: []\n", "scrape_configs[0]", "job_name is empty"),
    (
        "scrape_configs:\n  - job_name: a\n  - job_name: a\n",
        "scrape_configs[1].job_name",
        'found multiple scrape configs with job name "a"',
    ),
    # prometheus/common model/labels.go LabelName.UnmarshalYAML.
    (
        "scrape_configs:\n  - job_name: a\n    static_configs: [{labels: {'': x}}]\n",
        "scrape_configs[0].static_configs[0].labels",
        '"" is not a valid label name',
    ),
    # prometheus/common config/http_config.go Validate, TLSConfig.Validate.
    (
        "clients:\n  - url: x\n    bearer_token: a\n    bearer_token_file: b\n",
        "clients[0]",
        "at most one of bearer_token & bearer_token_file must be configured",
    ),
    (
        "clients:\n  - url: x\n    basic_auth: {username: a}\n    bearer_token: b\n",
        "clients[0]",
        "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured",
    ),
    (
        "clients:\n  - url: x\n    authorization: {type: Basic, credentials: x}\n",
        "clients[0]",
        'authorization type cannot be set to "basic", use "basic_auth" instead',
    ),
    (
        "clients:\n  - url: x\n    tls_config: {ca: x, ca_file: y}\n",
        "clients[0].tls_config",
        "at most one of ca, ca_file & ca_ref must be configured",
    ),
    (
        "clients:\n  - url: x\n    tls_config: {cert_file: x}\n",
        "clients[0].tls_config",
        "exactly one of key or key_file must be configured when a client certificate is configured",
    ),
    # pkg/util/flagext/bytesize.go via c2h5oh/datasize.
    (
        "limits_config: {max_line_size: lots}\n",
        "limits_config.max_line_size",
        'strconv.UnmarshalText: parsing "LOTS": invalid syntax',
    ),
]


@pytest.mark.parametrize(("text", "field", "message"), STRICT)
def test_strict_errors(text: str, field: str, message: str) -> None:
    with pytest.raises(AgentConfigError) as caught:
        parse_config(text, "promtail.yaml")
    assert (caught.value.path, caught.value.field, caught.value.detail) == (
        "promtail.yaml",
        field,
        message,
    )


def test_a_yaml_syntax_error_names_the_line() -> None:
    with pytest.raises(AgentConfigError, match=r"promtail\.yaml: yaml: line 2: "):
        parse_config("a: 1\n b: [\n", "promtail.yaml")


# Promtail v3.6 accepts these; lokisim refuses rather than ignore them.
UNSUPPORTED = [
    "scrape_configs:\n  - job_name: a\n    kubernetes_sd_configs: [{role: pod}]\n",
    "scrape_configs:\n  - job_name: a\n    file_sd_configs: [{files: [x.json]}]\n",
    "scrape_configs:\n  - job_name: a\n    docker_sd_configs: [{host: unix:///x}]\n",
    "scrape_configs:\n  - job_name: a\n    journal: {max_age: 12h}\n",
    "scrape_configs:\n  - job_name: a\n    syslog: {listen_address: ':1514'}\n",
    "scrape_configs:\n  - job_name: a\n    loki_push_api: {server: {http_listen_port: 3500}}\n",
    "scrape_configs:\n  - job_name: a\n    windows_events: {eventlog_name: App}\n",
    "scrape_configs:\n  - job_name: a\n    kafka: {brokers: [k:9092]}\n",
    "scrape_configs:\n  - job_name: a\n    gcplog: {project_id: p}\n",
    "scrape_configs:\n  - job_name: a\n    consul_sd_configs: [{server: c:8500}]\n",
    "scrape_configs:\n  - job_name: a\n    encoding: UTF-16\n",
    "scrape_configs:\n  - job_name: a\n    decompression: {enabled: true}\n",
    "clients:\n  - url: x\n    oauth2: {client_id: a}\n",
    "clients:\n  - url: x\n    proxy_url: http://proxy:3128\n",
    "clients:\n  - url: x\n    tls_config: {ca_ref: vault}\n",
    "wal: {enabled: true}\n",
    "target_config: {stdin: true}\n",
    "server: {http_tls_config: {cert_file: x}}\n",
    "server: {enable_runtime_reload: true}\n",
]


@pytest.mark.parametrize("text", UNSUPPORTED)
def test_unsupported_features_are_refused(text: str) -> None:
    with pytest.raises(UnsupportedFeature, match="not by lokisim's stand-in"):
        parse_config(text, "promtail.yaml")


def test_unsupported_keys_at_their_zero_value_are_accepted() -> None:
    text = MINIMAL + "    kubernetes_sd_configs: []\n    journal:\nwal: {enabled: false}\n"
    assert load(text).scrape_configs[0].job_name == "pods"


def test_deprecated_client_block_and_its_external_labels() -> None:
    # config.go Setup: `client` with a URL joins `clients`; its external labels go under
    # every client's own (the client's win).
    config = load(
        """
        client: {url: http://one/push, external_labels: {a: "1", b: "1"}}
        clients: [{url: http://two/push, external_labels: {b: "2"}}]
        """
    )
    assert [c.url for c in config.clients] == ["http://two/push", "http://one/push"]
    assert config.clients[0].external_labels == {"a": "1", "b": "2"}


def test_bearer_token_becomes_authorization() -> None:
    # http_config.go Validate: bearer_token is moved into authorization (type Bearer).
    config = load("clients: [{url: x, bearer_token: s3cr3t}]\n")
    auth = config.clients[0].authorization
    assert auth is not None and (auth.type, auth.credentials) == ("Bearer", "s3cr3t")


def test_expand_env() -> None:
    config = load(
        """
        clients: [{url: "${LOKI_URL:-http://127.0.0.1:3100/loki/api/v1/push}", tenant_id: "$${x}"}]
        """,
        env={},
    )
    assert config.clients[0].url == "http://127.0.0.1:3100/loki/api/v1/push"
    assert config.clients[0].tenant_id == "${x}"
    with pytest.raises(AgentConfigError, match="missing closing brace"):
        load("clients: [{url: ${A!}}]\n", env={})
