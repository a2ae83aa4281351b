"""Write requirements.lock (what the product imports at run time) and requirements-dev.lock
(tests, benchmarks, tools) from pyproject.toml and the versions installed in .venv.

    .venv/bin/python scripts/write_locks.py

Each lock is the dependency closure of its pyproject list, pinned to the installed versions;
the dev lock leaves out what the runtime lock already pins and starts with `-r requirements.lock`.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

REPO = Path(__file__).resolve().parents[1]
HEADERS = {
    "requirements.lock": (
        "# Runtime: what the workbench imports when it runs (`make run`). Written by\n"
        "# scripts/write_locks.py from pyproject's dependencies; tests and tools are in\n"
        "# requirements-dev.lock, the optional sentence model in requirements-semantic.lock.\n"
    ),
    "requirements-dev.lock": (
        "# Tests, benchmarks and tools (`make test`), on top of the runtime lock. Written by\n"
        "# scripts/write_locks.py from pyproject's `test` extra.\n"
        "-r requirements.lock\n"
    ),
}

# requirements-semantic.lock did not pin these two while it held torch and transformers, which
# need them; the runtime lock keeps pinning them so installing the model never pulls an
# unpinned version (check whether the onnxruntime lock still needs them before dropping them).
NEEDED_BY_SEMANTIC_LOCK = ["packaging", "Pygments"]


def _name(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def closure(requirements: list[str]) -> dict[str, str]:
    """{distribution name: pinned line} for the requirements and everything they need."""
    found: dict[str, str] = {}
    visited: set[tuple[str, frozenset[str]]] = set()
    todo = [Requirement(line) for line in requirements]
    while todo:
        requirement = todo.pop()
        key = _name(requirement.name)
        if (key, frozenset(requirement.extras)) in visited:
            continue
        visited.add((key, frozenset(requirement.extras)))
        dist = metadata.distribution(requirement.name)
        found[key] = f"{dist.metadata['Name']}=={dist.version}"
        for line in dist.requires or []:
            child = Requirement(line)
            extras = {"", *requirement.extras}
            if child.marker is None or any(child.marker.evaluate({"extra": e}) for e in extras):
                child.marker = None
                todo.append(child)
    return found


def main() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    runtime = closure(project["dependencies"] + NEEDED_BY_SEMANTIC_LOCK)
    dev = closure(project["optional-dependencies"]["test"])
    dev = {key: pin for key, pin in dev.items() if key not in runtime}
    for filename, pins in (("requirements.lock", runtime), ("requirements-dev.lock", dev)):
        lines = sorted(pins.values(), key=str.lower)
        (REPO / filename).write_text(HEADERS[filename] + "\n".join(lines) + "\n")
        print(f"{filename}: {len(lines)} packages")


if __name__ == "__main__":
    main()
