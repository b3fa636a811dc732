"""A hub's Wi-Fi between the phones and the server, which can drop as a real one does.

``Chromium``'s offline mode blocks new requests but leaves an open websocket alone, so a phone
"offline" in Playwright stays connected to its kernel. A real drop leaves both ends' sockets open and
silent: the server learns of it only when its pings go unanswered. ``HubWifi`` relays TCP from its own
port to the server's; ``drop()`` stops relaying in both directions without closing anything, and
``restore()`` lets through what waited (the server's close, if it gave up meanwhile).
"""

from __future__ import annotations

import asyncio
import threading

__all__ = ["HubWifi"]


class HubWifi:
    """Relay ``127.0.0.1:<port>`` to the server on ``server_port``, until ``close()``."""

    def __init__(self, server_port: int):
        self.server_port = server_port
        self._loop = asyncio.new_event_loop()
        self._up = asyncio.Event()
        self._ready = threading.Event()
        self.port = 0
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()
        self._ready.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def drop(self) -> None:
        """Stop relaying: every connection stays open, and nothing goes through."""
        self._loop.call_soon_threadsafe(self._up.clear)

    def restore(self) -> None:
        """Relay again, starting with what waited."""
        self._loop.call_soon_threadsafe(self._up.set)

    def close(self) -> None:
        """Cut every connection and stop relaying for good."""

        async def cut() -> None:
            self._listening.close()
            relays = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
            for task in relays:
                task.cancel()
            await asyncio.gather(*relays, return_exceptions=True)

        asyncio.run_coroutine_threadsafe(cut(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._up.set()
        self._listening = self._loop.run_until_complete(asyncio.start_server(self._relay, "127.0.0.1", 0))
        self.port = self._listening.sockets[0].getsockname()[1]
        self._ready.set()
        self._loop.run_forever()

    async def _relay(self, phone_in: asyncio.StreamReader, phone_out: asyncio.StreamWriter) -> None:
        await self._up.wait()
        server_in, server_out = await asyncio.open_connection("127.0.0.1", self.server_port)
        await asyncio.gather(self._pump(phone_in, server_out), self._pump(server_in, phone_out), return_exceptions=True)

    async def _pump(self, source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
        try:
            while True:
                await self._up.wait()
                data = await source.read(65536)
                await self._up.wait()  # read just before a drop: held until the Wi-Fi is back
                if not data:
                    break
                sink.write(data)
                await sink.drain()
        finally:
            sink.close()
