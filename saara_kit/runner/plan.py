"""What a rerun will execute: the hubs and lessons asked for, checked before anything runs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from saara_kit.data import list_hubs, load_hub
from saara_kit.i18n import DEFAULT_LANG, TranslatedError
from saara_kit.lessons import HUB, NATIONAL, list_notebooks
from saara_kit.settings import NOTEBOOKS_DIR, default_data_dir

__all__ = ["Job", "choose_notebooks", "plan_jobs"]


@dataclass(frozen=True)
class Job:
    """One lesson to execute with its parameters, into ``output_dir``."""

    notebook: Path
    output_dir: Path
    parameters: dict

    @property
    def hub_id(self) -> str:
        """The hub's id, or ``"national"`` for a lesson across the hubs."""
        return self.parameters.get("region") or NATIONAL


def choose_notebooks(asked: list[str] | None, scope: str = HUB, notebooks_dir: Path = NOTEBOOKS_DIR) -> list[Path]:
    """Return the lessons of ``scope`` named in ``asked`` by stem, file name or number (``01``),
    in order; all of them when nothing is asked. An unknown name raises ``run.unknown_notebook``."""
    lessons = list_notebooks(notebooks_dir, scope=scope)
    chosen: set[Path] = set()
    for name in asked or ():
        found = {path for path in lessons if name in (path.stem, path.name) or path.stem.startswith(f"{name}-")}
        if not found:
            raise TranslatedError("run.unknown_notebook", notebook=name, known=", ".join(p.stem for p in lessons))
        chosen |= found
    return sorted(chosen) if asked else lessons


def plan_jobs(
    hub_ids: list[str] | None = None,
    notebooks: list[str] | None = None,
    *,
    national: bool = False,
    source: str = "store",
    output_dir: Path = Path("outputs"),
    lang: str | None = None,
    data_dir: str | Path | None = None,
    db_url: str = "",
    notebooks_dir: Path = NOTEBOOKS_DIR,
) -> list[Job]:
    """Return every (hub, lesson) job, then the national synthesis when asked; each hub's lessons
    run in ``lang``, else in the hub's language. Raises a translated error for an unknown hub, a
    broken hub file or an unknown lesson, before anything runs. ``notebooks_dir`` holds the lessons."""
    hubs = [load_hub(hub_id) for hub_id in hub_ids or list_hubs()]
    lessons = choose_notebooks(notebooks, notebooks_dir=notebooks_dir)
    common = {
        "source": source,
        "data_dir": str(Path(data_dir).resolve() if data_dir else default_data_dir()),
        "db_url": db_url,
    }
    output_dir = Path(output_dir).resolve()
    jobs = [
        Job(lesson, output_dir / hub.id, {"region": hub.id, "lang": lang or hub.default_lang, **common})
        for hub in hubs
        for lesson in lessons
    ]
    if national:
        jobs += [
            Job(lesson, output_dir / NATIONAL, {"lang": lang or DEFAULT_LANG, **common})
            for lesson in choose_notebooks(None, NATIONAL, notebooks_dir)
        ]
    return jobs
