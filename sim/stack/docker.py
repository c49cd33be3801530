"""The `docker compose` CLI (Compose v2 plugin) as the compose target drives it.

Every call is an argv list run without a shell, its output appended to `<run>/compose.log`.
A missing CLI, plugin or engine is the user's environment, not a lokisim failure: a
UsageError (exit 2) that says what to install or start, raised before anything runs. So is
an image that cannot be pulled (no network, a proxy, a registry's refusal, a wrong tag).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from sim.errors import ToolError, UsageError

INSTALL = (
    "install Docker Engine with the Compose plugin (https://docs.docker.com/engine/install/; "
    "Debian/Ubuntu: apt-get install docker-ce docker-compose-plugin from Docker's repository) "
    "or Docker Desktop, or use --target embedded"
)
START = "start Docker (or point DOCKER_HOST or `docker context` at one), or use --target embedded"

PULL_TIMEOUT = 900.0  # one image, on a slow line

Runner = Callable[..., "subprocess.CompletedProcess[str]"]


class DockerUnavailable(UsageError):
    """The compose target was asked for, but docker, its Compose plugin or an engine is missing."""

    def __init__(self, why: str, fix: str = INSTALL) -> None:
        self.why = why
        super().__init__(f"--target compose: {why}; {fix}")


# A UsageError (exit 2) like a missing engine, not a ToolError (3): the network, a proxy, a
# registry login or a tag the registry lacks is the user's to fix, and nothing was measured.
class ImageUnavailable(DockerUnavailable):
    """An image the run needs is not on this machine and could not be pulled."""

    def __init__(self, image: str, service: str, reason: str) -> None:
        self.image = image
        super().__init__(
            f"image {image} (service {service}) could not be pulled: {reason}",
            f"check the network, a proxy or a registry login (try `docker pull {image}`), "
            "or use --target embedded",
        )


def last_words(text: str) -> str:
    """The one line a failed docker command ends with, without the daemon's preamble."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1].removeprefix("Error response from daemon: ") if lines else "no output"


def require_compose(
    which: Callable[[str], str | None] = shutil.which, run: Runner = subprocess.run
) -> str:
    """The docker CLI's path, once `docker compose version` and `docker info` both work."""
    docker = which("docker")
    if docker is None:
        raise DockerUnavailable("the docker CLI is not on PATH")
    try:
        plugin = run(
            [docker, "compose", "version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise DockerUnavailable(f"{docker} could not run ({err})") from None
    if plugin.returncode != 0:
        said = (plugin.stderr or plugin.stdout).strip().splitlines()
        raise DockerUnavailable(
            "the Docker Compose v2 plugin is missing (`docker compose version` said: "
            f"{said[0] if said else plugin.returncode})"
        )
    try:
        engine = run(
            [docker, "info", "--format", "{{.ServerVersion}}"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise DockerUnavailable(f"`docker info` did not finish ({err})", START) from None
    if engine.returncode != 0 or not engine.stdout.strip():
        said = [line for line in engine.stderr.strip().splitlines() if line.strip()]
        raise DockerUnavailable(
            f"no Docker engine answers ({said[-1].strip() if said else 'docker info failed'})",
            START,
        )
    return docker


class ComposeCLI:
    """`docker compose -p PROJECT -f BASE -f OVERRIDE [--profile P] ...` with an environment."""

    def __init__(
        self,
        docker: str,
        *,
        project: str,
        files: Sequence[Path],
        profiles: Sequence[str],
        env: Mapping[str, str],
        log_path: Path,
        run: Runner = subprocess.run,
    ) -> None:
        self.docker = docker
        self.prefix = [docker, "compose", "--project-name", project]
        for file in files:
            self.prefix += ["--file", str(file)]
        for profile in profiles:
            self.prefix += ["--profile", profile]
        self.env = dict(env)
        self.log_path = log_path
        self._run = run

    def argv(self, *args: str) -> list[str]:
        return [*self.prefix, *args]

    def __call__(self, *args: str, timeout: float = 120.0, check: bool = True) -> str:
        """Runs one compose command; its stdout, or a ToolError naming it when it fails."""
        argv = self.argv(*args)
        done = self.attempt(argv, timeout=timeout)
        if check and done.returncode != 0:
            said = done.stderr.strip().splitlines()[-5:]
            raise ToolError(
                f"`{' '.join(argv)}` exited with status {done.returncode}: "
                + " | ".join(said)
                + f" (all output: {self.log_path})"
            )
        return done.stdout

    def attempt(self, argv: Sequence[str], *, timeout: float) -> subprocess.CompletedProcess[str]:
        """Runs any docker argv in the project's environment, logged; a ToolError only when it
        could not run or did not finish, whatever its exit status."""
        argv = list(argv)
        try:
            done = self._run(
                argv,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
                env={**os.environ, **self.env},
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # Ctrl-C reaches lokisim, which then runs `down`
            )
        except subprocess.TimeoutExpired:
            raise ToolError(f"`{' '.join(argv)}` did not finish in {timeout:g}s") from None
        except OSError as err:
            raise ToolError(f"`{' '.join(argv)}` could not run: {err}") from None
        with self.log_path.open("a", encoding="utf-8") as log:
            log.write(f"$ {' '.join(argv)}\n{done.stderr}")
        return done


def pull_missing(
    cli: ComposeCLI,
    images: Mapping[str, str],
    services: Sequence[str],
    say: Callable[[str], None],
) -> None:
    """`docker compose pull SERVICE` for each service whose image this machine lacks (a
    pinned image already here is never fetched again: runs work offline), one line each;
    an image that cannot be pulled is an ImageUnavailable with the CLI's one-line reason."""
    for service in services:
        image = images.get(service, f"the {service} service's image")
        try:
            inspect = cli.docker, "image", "inspect", "--format", "{{.Id}}", image
            if cli.attempt(inspect, timeout=60).returncode == 0:
                continue
        except ToolError:
            pass  # the pull says what is wrong
        say(f"pulling {image} for {service} ...")
        started = time.monotonic()
        try:
            done = cli.attempt(cli.argv("pull", service), timeout=PULL_TIMEOUT)
        except ToolError as err:
            raise ImageUnavailable(image, service, str(err)) from None
        if done.returncode != 0:
            raise ImageUnavailable(image, service, last_words(done.stderr or done.stdout))
        say(f"pulled {image} in {time.monotonic() - started:.0f}s")
