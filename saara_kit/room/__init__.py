"""The trainer's room view for the projector (``voila_apps/room.ipynb``): who has saved, how many
records of each kind, the hub's power × interest grid and the code to join.

Light on import: the registry looks into every ``saara_kit`` package for a domain.
"""

from __future__ import annotations

__all__ = ["RoomView", "room_app", "room_summary"]


def __getattr__(name: str):
    if name == "RoomView":
        from saara_kit.room.view import RoomView

        return RoomView
    if name == "room_summary":
        from saara_kit.room.summary import room_summary

        return room_summary
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def room_app(lang: str | None = None, hub_id: str | None = None, store=None):
    """Build the room view for Voilà (language from ``?lang=``, hub from ``$SAARA_REGION``) and start
    its periodic refresh; its first grid is drawn just after the page shows."""
    from saara_kit.room.view import RoomView
    from saara_kit.settings import default_hub_id
    from saara_kit.store import open_store
    from saara_kit.widgets import request_lang

    view = RoomView(store or open_store(), hub_id or default_hub_id(), lang or request_lang(), grid_later=True)
    view.start()
    return view
