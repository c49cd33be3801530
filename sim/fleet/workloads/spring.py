"""Spring Boot 2.7's console log format (spring-boot DefaultLogbackConfiguration).

`%d{yyyy-MM-dd HH:mm:ss.SSS} %5p ${PID} --- [%15.15t] %-40.40logger{39} : %m%n%wEx`:
the level right-aligned in 5, the thread right-aligned and cut from the left to 15, the
logger abbreviated by logback's TargetLengthBasedClassNameAbbreviator to 39 chars, then
padded, or cut from the left, to 40.
"""

from __future__ import annotations

import random

BANNER = (
    "",
    "  .   ____          _            __ _ _",
    " /\\\\ / ___'_ __ _ _(_)_ __  __ _ \\ \\ \\ \\",
    "( ( )\\___ | '_ | '_| | '_ \\/ _` | \\ \\ \\ \\",
    " \\\\/  ___)| |_)| | | | | || (_| |  ) ) ) )",
    "  '  |____| .__|_| |_|_| |_\\__, | / / / /",
    " =========|_|==============|___/=/_/_/_/",
    " :: Spring Boot ::               (v2.7.18)",
    "",
)
TOMCAT_ROOT = "org.apache.catalina.core.ContainerBase.[Tomcat].[localhost].[/]"
DISPATCHER = TOMCAT_ROOT + ".[dispatcherServlet]"
_TOMCAT_WEB = "org.springframework.boot.web.embedded.tomcat.TomcatWebServer"
_HIKARI = "com.zaxxer.hikari.HikariDataSource"


def abbreviate(name: str, target: int = 39) -> str:
    """Shorten packages to their first letter, leftmost first, until the name fits."""
    if len(name) < target:
        return name
    segments = name.split(".")
    excess = len(name) - target
    out = []
    for segment in segments[:-1]:
        if excess > 0 and len(segment) > 1:
            excess -= len(segment) - 1
            segment = segment[0]
        out.append(segment)
    return ".".join([*out, segments[-1]])


def prefix(level: str, thread: str, logger: str) -> str:
    """Everything between the timestamp and the message (PID 1, as in a container)."""
    return f" {level:>5} 1 --- [{thread[-15:]:>15}] {abbreviate(logger)[-40:]:<40} : "


def boot_steps(main_class: str, pod: str, rng: random.Random) -> list[tuple[str, str]]:
    """(logger, message) of a Spring Boot web application's start, in order."""
    simple = main_class.rsplit(".", 1)[1]
    started = f"Started {simple} in 6.{rng.randrange(100, 999)} seconds (JVM running for 7.412)"
    return [
        (
            main_class,
            f"Starting {simple} v0.0.1-SNAPSHOT using Java 17.0.13 on {pod} with PID 1 "
            "(/app/app.jar started by root in /app)",
        ),
        (main_class, 'No active profile set, falling back to 1 default profile: "default"'),
        (_TOMCAT_WEB, "Tomcat initialized with port(s): 8080 (http)"),
        ("org.apache.catalina.core.StandardService", "Starting service [Tomcat]"),
        (
            "org.apache.catalina.core.StandardEngine",
            "Starting Servlet engine: [Apache Tomcat/9.0.83]",
        ),
        (TOMCAT_ROOT, "Initializing Spring embedded WebApplicationContext"),
        (_HIKARI, "HikariPool-1 - Starting..."),
        (_HIKARI, "HikariPool-1 - Start completed."),
        (_TOMCAT_WEB, "Tomcat started on port(s): 8080 (http) with context path ''"),
        (main_class, started),
    ]
