"""Trainer codes: a private YAML file, one list of codes per hub, read at every login."""

from __future__ import annotations

from pathlib import Path

import yaml

from saara_kit.codes import new_code
from saara_kit.data import list_hubs
from saara_kit.yaml_files import read_yaml

__all__ = ["add_trainer_codes", "load_trainer_codes"]

HEADER = "# SAARA trainer codes, one list per hub. Private: whoever has a code gets JupyterLab.\n"


def load_trainer_codes(path: str | Path) -> dict[str, str]:
    """Return the hub of every trainer code in ``path`` (codes in capitals); none when it is absent."""
    path = Path(path)
    if not path.exists():
        return {}
    listed = read_yaml(path) or {}
    unknown = set(listed) - set(list_hubs())
    if unknown:
        raise ValueError(f"{path}: unknown hubs {sorted(unknown)}; hubs are {list_hubs()}")
    return {str(code).strip().upper(): hub_id for hub_id, codes in listed.items() for code in codes or ()}


def add_trainer_codes(path: str | Path, hub_id: str, count: int = 1) -> list[str]:
    """Give ``hub_id`` ``count`` new trainer codes in ``path`` (created private); return them."""
    if hub_id not in list_hubs():
        raise ValueError(f"unknown hub {hub_id!r}; hubs are {list_hubs()}")
    path = Path(path)
    taken = load_trainer_codes(path)
    listed = {name: [c for c, h in taken.items() if h == name] for name in sorted(set(taken.values()))}
    made: list[str] = []
    while len(made) < count:
        code = new_code()
        if code not in taken and code not in made:
            made.append(code)
    listed[hub_id] = [*listed.get(hub_id, []), *made]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    path.write_text(HEADER + yaml.safe_dump(listed, sort_keys=True), encoding="utf-8")
    return made
