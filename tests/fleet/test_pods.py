"""Pod names as Kubernetes controllers generate them, deterministic under a seed."""

from __future__ import annotations

import random
import re
from pathlib import Path

from sim.fleet.pods import PodNamer
from sim.scenario import Pod

# apimachinery util/rand alphabet: "bcdfghjklmnpqrstvwxz2456789".
RAND = "[bcdfghjklmnpqrstvwxz2456789]"


def _pod(controller: str) -> Pod:
    return Pod.model_validate(
        {
            "namespace": "production",
            "name": "api",
            "controller": controller,
            "containers": [{"name": "api", "workload": "json-api", "rate": "1/s"}],
        }
    )


def test_deployment_names_share_the_template_hash() -> None:
    namer = PodNamer(random.Random(1))
    first, second = namer.new_instance(_pod("deployment")), namer.new_instance(_pod("deployment"))
    assert re.fullmatch(f"api-{RAND}{{10}}-{RAND}{{5}}", first.name)
    assert first.name.split("-")[1] == second.name.split("-")[1]
    assert first.name != second.name and first.uid != second.uid


def test_other_controllers() -> None:
    namer = PodNamer(random.Random(1))
    assert re.fullmatch(f"api-{RAND}{{5}}", namer.new_instance(_pod("daemonset")).name)
    assert namer.new_instance(_pod("statefulset")).name == "api-0"
    assert namer.new_instance(_pod("statefulset")).name == "api-1"
    assert namer.new_instance(_pod("pod")).name == "api"


def test_uids_are_v4_and_deterministic() -> None:
    one = PodNamer(random.Random(7)).new_instance(_pod("deployment"))
    two = PodNamer(random.Random(7)).new_instance(_pod("deployment"))
    assert one == two
    assert re.fullmatch(
        r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", one.uid
    )
    # kubelet's layout: /var/log/pods/<namespace>_<pod>_<uid>/<container>/<restart>.log
    assert one.log_dir(Path("/p")) == Path(f"/p/production_{one.name}_{one.uid}")
