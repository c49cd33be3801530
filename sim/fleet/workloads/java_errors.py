"""The errors a Spring Boot service logs, each a message with its stack trace.

A failed request reaches Tomcat, which logs `Servlet.service() ... with root cause`
and the root cause's trace; a failed scheduled job logs the whole cause chain; an
uncaught exception in a plain thread goes to stderr through the JVM's default handler.
"""

from __future__ import annotations

from sim.fleet.workloads.java_traces import REQUEST_STACK, SCHEDULER_STACK, TraceBuilder
from sim.fleet.workloads.spring import DISPATCHER, prefix

_PSQL_DUPLICATE = 'ERROR: duplicate key value violates unique constraint "orders_pkey"'
_DATA_INTEGRITY = (
    "org.springframework.dao.DataIntegrityViolationException: could not execute statement; "
    "SQL [n/a]; constraint [orders_pkey]; nested exception is "
    "org.hibernate.exception.ConstraintViolationException: could not execute statement"
)


def request_failure(traces: TraceBuilder, pkg: str, thread: str) -> tuple[str, tuple[str, ...]]:
    """(prefix and message, trace) of a request whose handler threw."""
    rng = traces.rng
    exception, message = rng.choice(
        [
            (
                "java.lang.NullPointerException",
                f'Cannot invoke "{pkg}.domain.Order.getCustomer()" because "order" is null',
            ),
            (
                "java.lang.IllegalStateException",
                f"Order {rng.randrange(99999)} is already CANCELLED",
            ),
            ("java.lang.IllegalArgumentException", f"Unknown product id: {rng.randrange(99999)}"),
        ]
    )
    head = f"{exception}: {message}"
    text = (
        "Servlet.service() for servlet [dispatcherServlet] in context with path [] threw "
        f"exception [Request processing failed; nested exception is {head}] with root cause"
    )
    return prefix("ERROR", thread, DISPATCHER) + text, tuple(
        traces.logback(head, REQUEST_STACK, [])
    )


def job_failure(traces: TraceBuilder, pkg: str) -> tuple[str, tuple[str, ...]]:
    """(prefix and message, trace) of a scheduled job that failed on a constraint."""
    key = traces.rng.randrange(1, 99999)
    causes = [
        ("org.hibernate.exception.ConstraintViolationException", "could not execute statement"),
        (
            "org.postgresql.util.PSQLException",
            f"{_PSQL_DUPLICATE}\n  Detail: Key (id)=({key}) already exists.",
        ),
    ]
    trace = traces.logback(_DATA_INTEGRITY, SCHEDULER_STACK, causes)
    head = prefix("ERROR", "scheduling-1", f"{pkg}.jobs.OutboxPublisher")
    return head + "Failed to publish outbox batch", tuple(trace)


def uncaught(traces: TraceBuilder) -> tuple[str, ...]:
    """What the JVM prints to stderr when a pool thread dies of an exception."""
    thread = f"pool-{traces.rng.randrange(1, 4)}-thread-{traces.rng.randrange(1, 9)}"
    head = (
        f'Exception in thread "{thread}" '
        "org.springframework.web.client.ResourceAccessException: I/O error on POST request "
        'for "http://payments:8080/api/charges": Read timed out; nested exception is '
        "java.net.SocketTimeoutException: Read timed out"
    )
    return tuple(traces.plain(head, "java.net.SocketTimeoutException: Read timed out"))


def hibernate_duplicate() -> str:
    """SqlExceptionHelper's line for a unique violation (PgJDBC's message spans two lines)."""
    return f"{_PSQL_DUPLICATE}\n  Detail: Key (id)=(%d) already exists."
