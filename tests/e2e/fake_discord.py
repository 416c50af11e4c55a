"""A fake Discord on 127.0.0.1: enough REST and gateway (zlib-stream) for the real discord.py client.

It serves one guild with one text channel, records every request the bot makes, answers heartbeats,
and lets a test send interactions (slash commands, message menus, button clicks) as Discord would.
It runs its own event loop in a thread so tests stay synchronous.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web

APP_ID = "900000000000000001"
BOT_ID = APP_ID
GUILD_ID = "900000000000000010"
CHANNEL_ID = "900000000000000020"
#: A second server for sharded runs: with 2 shards it lands on shard 0, GUILD_ID on shard 1.
SECOND_GUILD_ID = "900000000004194314"
SECOND_CHANNEL_ID = "900000000000000021"
#: Each server's one text channel.
CHANNELS = {GUILD_ID: CHANNEL_ID, SECOND_GUILD_ID: SECOND_CHANNEL_ID}
OWNER_ID = "900000000000000030"
MANAGE_GUILD = 1 << 5
EPHEMERAL = 1 << 6
#: Interaction callback types (Discord API).
CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, UPDATE_MESSAGE, MODAL = 4, 5, 7, 9

_snowflakes = itertools.count(910000000000000000)
#: Discord's limits on a message (characters), which it enforces with 400 Invalid Form Body.
LIMITS = {"content": 2000, "title": 256, "description": 4096, "field_name": 256, "field_value": 1024,
          "footer": 2048, "author": 256, "fields": 25, "embeds": 10, "embed_total": 6000}  # fmt: skip


def limit_problems(message: dict[str, Any]) -> list[str]:
    """What in a message payload Discord would reject for its length; empty when it fits."""
    problems = []
    if len(message.get("content") or "") > LIMITS["content"]:
        problems.append(f"content has {len(message['content'])} characters")
    embeds = message.get("embeds") or []
    if len(embeds) > LIMITS["embeds"]:
        problems.append(f"{len(embeds)} embeds")
    total = 0
    for embed in embeds:
        fields = embed.get("fields") or []
        parts = [
            ("title", embed.get("title")),
            ("description", embed.get("description")),
            ("footer", (embed.get("footer") or {}).get("text")),
            ("author", (embed.get("author") or {}).get("name")),
        ]
        parts += [p for f in fields for p in (("field_name", f.get("name")), ("field_value", f.get("value")))]
        for kind, text in parts:
            if text and len(text) > LIMITS[kind]:
                problems.append(f"embed {kind} has {len(text)} characters")
            total += len(text or "")
        if len(fields) > LIMITS["fields"]:
            problems.append(f"{len(fields)} fields")
    if total > LIMITS["embed_total"]:
        problems.append(f"embeds have {total} characters")
    return problems


def shard_of(guild_id: str, count: int) -> int:
    """The shard that carries ``guild_id`` among ``count`` (Discord's formula)."""
    return (int(guild_id) >> 22) % count


def snowflake() -> str:
    """A fresh id."""
    return str(next(_snowflakes))


def now() -> str:
    """An ISO timestamp as Discord writes them."""
    return datetime.now(UTC).isoformat()


def user(user_id: str, name: str, *, bot: bool = False) -> dict[str, Any]:
    """A user object."""
    return {"id": user_id, "username": name, "discriminator": "0", "global_name": name, "avatar": None, "bot": bot}


@dataclass
class Request:
    """One HTTP request the bot made."""

    method: str
    path: str
    body: Any
    at: float


@dataclass
class Connection:
    """One gateway connection (one shard): its socket, its zlib stream and the shard it identified as."""

    ws: web.WebSocketResponse
    compressor: Any
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    shard: tuple[int, int] = (0, 1)


@dataclass
class Sent:
    """An interaction the test sent, and what the bot did with it."""

    id: str
    token: str
    kind: str
    sent_at: float
    target: str = ""
    """For a button click, the id of the message whose button was pressed."""
    guild_id: str = GUILD_ID
    callbacks: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    replies: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    """Messages the bot sent or updated for this interaction (not the "thinking…" placeholder), as stored."""
    original: dict[str, Any] | None = None

    def acked_after(self) -> float | None:
        """Seconds from sending to the first callback."""
        return self.callbacks[0][0] - self.sent_at if self.callbacks else None


def _inputs(component: dict[str, Any]) -> list[dict[str, Any]]:
    """The text inputs inside a modal's component (an action row, or a label around one input)."""
    if component.get("type") == 4:
        return [component]
    inner = component.get("components") or ([component["component"]] if component.get("component") else [])
    return [c for child in inner for c in _inputs(child)]


def _json(data: Any, status: int = 200) -> web.Response:
    # discord.py parses a body only when the content type is exactly application/json.
    return web.Response(status=status, body=json.dumps(data).encode(), headers={"Content-Type": "application/json"})


class FakeDiscord:
    """Start with ``start()``; point the bot at ``api_base`` and ``gateway_url``."""

    def __init__(
        self, *, token: str, heartbeat_ms: int = 1000, shards: int = 1, guilds: tuple[str, ...] = (GUILD_ID,)
    ) -> None:
        """Serve on a free port of 127.0.0.1 once started; accept only ``token``.

        ``shards`` is the count GET /gateway/bot recommends; ``guilds`` the servers the bot is in (each sent on the
        shard that carries it).
        """
        self.token = token
        self.heartbeat_ms = heartbeat_ms
        self.shards = shards
        self.guilds = guilds
        self.connections: dict[int, Connection] = {}
        self.identifies: list[tuple[int, int]] = []
        """The ``[shard_id, shard_count]`` of every IDENTIFY, in order."""
        self.dispatched: list[tuple[int, str, str]] = []
        """Every event sent: the shard it went over, its name and its server."""
        self.gateway_override: str | None = None
        """The gateway URL GET /gateway/bot hands out instead of this server's (a test's dead one)."""
        self.requests: list[Request] = []
        self.interactions: dict[str, Sent] = {}
        self._by_token: dict[str, Sent] = {}
        self.messages: dict[str, dict[str, Any]] = {}
        self.threads: dict[str, dict[str, Any]] = {}
        self.heartbeats: list[float] = []
        self.commands: list[dict[str, Any]] = []
        self.rejected: list[tuple[str, list[str]]] = []
        """Requests refused as Discord would (a message over its limits): path and what was wrong."""
        self.identified = threading.Event()
        self.guild_sent = threading.Event()
        self.compression = ""
        self._lock = threading.Lock()
        self._sequence = itertools.count(1)
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fake-discord", daemon=True)
        self._runner: web.AppRunner | None = None
        self.port = 0

    # -- lifecycle -----------------------------------------------------------------------------
    @property
    def api_base(self) -> str:
        """The REST base URL (what ``discord.http.Route.BASE`` should be)."""
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        """The gateway URL."""
        return f"ws://127.0.0.1:{self.port}/gateway"

    def start(self) -> FakeDiscord:
        """Run the server in its thread."""
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._serve(), self._loop).result(10)
        return self

    def stop(self) -> None:
        """Shut the server down."""
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _serve(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    # -- REST ----------------------------------------------------------------------------------
    async def _rest(self, request: web.Request) -> web.Response:
        path = "/" + request.match_info["tail"]
        body: Any = None
        if request.can_read_body:
            raw = await request.read()
            body = (
                json.loads(raw) if raw and request.content_type == "application/json" else raw.decode(errors="replace")
            )
        with self._lock:
            self.requests.append(Request(request.method, path, body, time.monotonic()))
        parts = path.strip("/").split("/")
        method = request.method
        if method == "GET" and path == "/users/@me":
            if request.headers.get("Authorization") != f"Bot {self.token}":
                return _json({"message": "401: Unauthorized", "code": 0}, 401)
            return _json(user(BOT_ID, "summit-bot", bot=True))
        if method == "GET" and path == "/gateway/bot":
            limit = {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}
            url = self.gateway_override or self.gateway_url
            return _json({"url": url, "shards": self.shards, "session_start_limit": limit})
        if method == "GET" and path == "/oauth2/applications/@me":
            return _json(self._application())
        if method == "PUT" and parts[0] == "applications" and parts[-1] == "commands":
            defaults = {"description": "", "options": [], "type": 1, "default_member_permissions": None}
            self.commands = [
                {**defaults, **c, "id": snowflake(), "application_id": APP_ID, "version": "1"} for c in body
            ]
            return _json(self.commands)
        is_callback = method == "POST" and parts[0] == "interactions" and parts[-1] == "callback"
        is_webhook = parts[0] == "webhooks" and len(parts) >= 3
        payload = body.get("data") if is_callback and isinstance(body, dict) else body
        problems = limit_problems(payload) if (is_callback or is_webhook) and isinstance(payload, dict) else []
        if problems:
            with self._lock:
                self.rejected.append((path, problems))
            return _json({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)
        if parts[0] == "channels" and len(parts) >= 3:
            return await self._channel_route(method, parts, body)
        if is_callback:
            return _json(self._callback(parts[1], body))
        if is_webhook:
            return self._webhook(method, parts, body)
        return _json({"message": f"fake Discord has no route {method} {path}", "code": 0}, 404)

    async def _channel_route(self, method: str, parts: list[str], body: Any) -> web.Response:
        """Messages, typing and threads in a channel (what a bot answering messages uses)."""
        channel_id = parts[1]
        if method == "POST" and parts[2] == "typing":
            return web.Response(status=204)
        if method == "POST" and parts[2:] == ["messages"]:
            if isinstance(body, dict) and (problems := limit_problems(body)):
                with self._lock:
                    self.rejected.append(("/".join(parts), problems))
                return _json({"message": "Invalid Form Body", "code": 50035, "errors": problems}, 400)
            message = self._message(body or {}, channel_id=channel_id)
            return _json(message)
        if method == "POST" and len(parts) == 5 and parts[2] == "messages" and parts[4] == "threads":
            thread = self._open_thread(channel_id, parts[3], (body or {}).get("name", "thread"))
            await self._dispatch("THREAD_CREATE", {**thread, "newly_created": True})
            return _json(thread)
        return _json({"message": f"fake Discord has no route {method} /{'/'.join(parts)}", "code": 0}, 404)

    def _open_thread(self, parent_id: str, message_id: str, name: str) -> dict[str, Any]:
        with self._lock:
            if message_id in self.threads:
                raise web.HTTPBadRequest(
                    text=json.dumps({"message": "A thread has already been created for this message", "code": 160004}),
                    content_type="application/json",
                )
            thread = {
                "id": message_id, "type": 11, "parent_id": parent_id, "name": name,
                "guild_id": next((g for g, c in CHANNELS.items() if c == parent_id), GUILD_ID),
                "owner_id": BOT_ID, "last_message_id": None, "rate_limit_per_user": 0, "message_count": 0,
                "member_count": 1, "flags": 0, "total_message_sent": 0,
                "thread_metadata": {"archived": False, "auto_archive_duration": 1440, "archive_timestamp": now(),
                                    "locked": False},
            }  # fmt: skip
            self.threads[message_id] = thread
        return thread

    def _application(self) -> dict[str, Any]:
        return {
            "id": APP_ID,
            "name": "summit-bot",
            "icon": None,
            "description": "",
            "bot_public": True,
            "bot_require_code_grant": False,
            "verify_key": "0" * 64,
            "flags": 0,
            "owner": user(OWNER_ID, "owner"),
            "team": None,
            "summary": "",
        }

    def _message(
        self, payload: dict[str, Any], *, interaction: Sent | None = None, message_id: str = "",
        channel_id: str = CHANNEL_ID,
    ) -> dict[str, Any]:  # fmt: skip
        guild_id = interaction.guild_id if interaction is not None else GUILD_ID
        if interaction is not None:
            channel_id = CHANNELS.get(guild_id, CHANNEL_ID)
        elif channel_id in CHANNELS.values():
            guild_id = next(g for g, c in CHANNELS.items() if c == channel_id)
        message = {
            "id": message_id or snowflake(),
            "channel_id": channel_id,
            "guild_id": guild_id,
            "author": user(BOT_ID, "summit-bot", bot=True),
            "content": payload.get("content") or "",
            "timestamp": now(),
            "edited_timestamp": None,
            "tts": False,
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": [],
            "embeds": payload.get("embeds") or [],
            "components": payload.get("components") or [],
            "pinned": False,
            "type": 20 if interaction else 0,
            "flags": payload.get("flags") or 0,
            "webhook_id": APP_ID,
            "application_id": APP_ID,
        }
        if payload.get("message_reference"):
            message["message_reference"] = payload["message_reference"]
            message["type"] = 19
        with self._lock:
            self.messages[message["id"]] = {**message, "allowed_mentions": payload.get("allowed_mentions")}
        return message

    def sent_messages(self) -> list[dict[str, Any]]:
        """Every message the bot sent or updated, as stored (with the ``allowed_mentions`` it asked for)."""
        with self._lock:
            return list(self.messages.values())

    def _callback(self, interaction_id: str, body: dict[str, Any]) -> dict[str, Any]:
        with self._lock:
            sent = self.interactions.get(interaction_id)
        kind = body.get("type")
        data = body.get("data") or {}
        result: dict[str, Any] = {
            "interaction": {
                "id": interaction_id,
                "type": 2,
                "response_message_loading": kind == DEFERRED_CHANNEL_MESSAGE,
                "response_message_ephemeral": bool((data.get("flags") or 0) & EPHEMERAL),
            }
        }
        if kind in {CHANNEL_MESSAGE, DEFERRED_CHANNEL_MESSAGE, UPDATE_MESSAGE}:
            target = sent.target if sent is not None and kind == UPDATE_MESSAGE else ""
            message = self._message(data, interaction=sent, message_id=target)
            result["interaction"]["response_message_id"] = message["id"]
            result["resource"] = {"type": kind, "message": message}
            if sent is not None:
                with self._lock:
                    sent.original = message
                    if kind != DEFERRED_CHANNEL_MESSAGE:
                        sent.replies.append((time.monotonic(), self.messages[message["id"]]))
        if sent is not None:
            with self._lock:
                sent.callbacks.append((time.monotonic(), body))
        return result

    def _webhook(self, method: str, parts: list[str], body: Any) -> web.Response:
        token = parts[2]
        with self._lock:  # test threads add interactions while this loop serves them
            sent = self._by_token.get(token)
        if method == "POST" and len(parts) == 3:
            message = self._message(body or {}, interaction=sent)
            if sent is not None:
                with self._lock:
                    sent.replies.append((time.monotonic(), self.messages[message["id"]]))
            return _json(message)
        if len(parts) == 5 and parts[3] == "messages":
            original = (sent.original if sent else None) if parts[4] == "@original" else self.messages.get(parts[4])
            if original is None:
                return _json({"message": "Unknown Message", "code": 10008}, 404)
            if method == "PATCH":
                with self._lock:
                    original = {**self.messages[original["id"]], **(body or {})}
                    self.messages[original["id"]] = original
                if sent is not None:
                    with self._lock:
                        sent.replies.append((time.monotonic(), original))
            return _json({k: v for k, v in original.items() if k != "allowed_mentions"})
        return _json({"message": "fake Discord: unknown webhook route", "code": 0}, 404)

    # -- gateway -------------------------------------------------------------------------------
    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.compression = request.query.get("compress", "")
        if self.compression not in {"", "zlib-stream"}:
            await ws.close(code=4000, message=b"fake Discord speaks zlib-stream only")
            return ws
        conn = Connection(ws, zlib.compressobj() if self.compression else None)
        await self._send(conn, {"op": 10, "d": {"heartbeat_interval": self.heartbeat_ms}})
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            payload = json.loads(msg.data)
            op = payload.get("op")
            if op == 1:
                with self._lock:
                    self.heartbeats.append(time.monotonic())
                await self._send(conn, {"op": 11})
            elif op == 2:
                if payload["d"]["token"] != self.token:
                    await ws.close(code=4004, message=b"Authentication failed.")
                    break
                await self._identify(conn, payload["d"].get("shard") or [0, 1])
        return ws

    async def _identify(self, conn: Connection, shard: list[int]) -> None:
        """READY for the shard, then a GUILD_CREATE for each server it carries."""
        conn.shard = (int(shard[0]), int(shard[1]))
        carried = [g for g in self.guilds if shard_of(g, conn.shard[1]) == conn.shard[0]]
        with self._lock:
            self.connections[conn.shard[0]] = conn
            self.identifies.append(conn.shard)
        self.identified.set()
        await self._dispatch("READY", self._ready(conn.shard, carried), conn=conn)
        for guild_id in carried:
            await self._dispatch("GUILD_CREATE", self._guild(guild_id), conn=conn)
        with self._lock:
            sent = {g for _, event, g in self.dispatched if event == "GUILD_CREATE"}
        if sent >= set(self.guilds):
            self.guild_sent.set()

    async def _send(self, conn: Connection, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        async with conn.lock:  # one zlib stream: frames must leave in the order they were compressed
            if conn.compressor is not None:
                await conn.ws.send_bytes(conn.compressor.compress(data) + conn.compressor.flush(zlib.Z_SYNC_FLUSH))
            else:
                await conn.ws.send_str(data.decode())

    async def _dispatch(self, event: str, data: dict[str, Any], *, conn: Connection | None = None) -> None:
        """Send ``event`` over ``conn``, or over the shard that carries the server ``data`` belongs to."""
        guild_id = str(data.get("id") if event == "GUILD_CREATE" else data.get("guild_id") or "")
        if conn is None:
            with self._lock:
                count = next(iter(self.connections.values())).shard[1]
                conn = self.connections[shard_of(guild_id or GUILD_ID, count)]
        with self._lock:
            self.dispatched.append((conn.shard[0], event, guild_id))
        await self._send(conn, {"op": 0, "t": event, "s": next(self._sequence), "d": data})

    def _ready(self, shard: tuple[int, int], guilds: list[str]) -> dict[str, Any]:
        return {
            "v": 10,
            "user": user(BOT_ID, "summit-bot", bot=True),
            "guilds": [{"id": guild_id, "unavailable": True} for guild_id in guilds],
            "session_id": "fake-session",
            "resume_gateway_url": self.gateway_url,
            "application": {"id": APP_ID, "flags": 0},
            "shard": list(shard),
        }

    def _guild(self, guild_id: str) -> dict[str, Any]:
        return {
            "id": guild_id,
            "name": "Summit fans",
            "owner_id": OWNER_ID,
            "icon": None,
            "roles": [
                {"id": guild_id, "name": "@everyone", "permissions": "1024", "position": 0, "color": 0, "hoist": False,
                 "managed": False, "mentionable": False, "flags": 0},
            ],
            "channels": [
                {"id": CHANNELS[guild_id], "type": 0, "name": "general", "position": 0, "permission_overwrites": [],
                 "guild_id": guild_id, "nsfw": False, "parent_id": None},
            ],
            "members": [],
            "member_count": 3,
            "emojis": [],
            "stickers": [],
            "features": [],
            "threads": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "voice_states": [],
            "presences": [],
            "large": False,
            "unavailable": False,
            "joined_at": now(),
            "preferred_locale": "en-US",
            "verification_level": 0,
            "default_message_notifications": 0,
            "explicit_content_filter": 0,
            "mfa_level": 0,
            "nsfw_level": 0,
            "premium_tier": 0,
            "system_channel_flags": 0,
        }  # fmt: skip

    # -- what a test does ----------------------------------------------------------------------
    def _interaction(
        self, kind: int, data: dict[str, Any], *, user_id: str, permissions: int, locale: str,
        message: dict[str, Any] | None = None, guild_id: str = GUILD_ID,
    ) -> Sent:  # fmt: skip
        interaction_id, token = snowflake(), f"token-{snowflake()}"
        channel_id = message["channel_id"] if message is not None else CHANNELS[guild_id]
        channel_type, parent = (11, CHANNEL_ID) if channel_id in self.threads else (0, None)
        payload: dict[str, Any] = {
            "id": interaction_id,
            "application_id": APP_ID,
            "type": kind,
            "token": token,
            "version": 1,
            "guild_id": guild_id,
            "channel_id": channel_id,
            "channel": {"id": channel_id, "type": channel_type, "guild_id": guild_id, "name": "general",
                        "position": 0, "permission_overwrites": [], "nsfw": False, "parent_id": parent},
            "member": {"user": user(user_id, f"member-{user_id[-4:]}"), "roles": [], "permissions": str(permissions),
                       "joined_at": now(), "deaf": False, "mute": False, "flags": 0},
            "data": data,
            "locale": locale,
            "guild_locale": "en-US",
            "app_permissions": str((1 << 40) - 1),
            "entitlements": [],
            "authorizing_integration_owners": {"0": guild_id},
            "context": 0,
            "attachment_size_limit": 8 * 1024 * 1024,
        }  # fmt: skip
        if message is not None:
            payload["message"] = message
        target = message["id"] if message is not None else ""
        sent = Sent(
            interaction_id, token, str(data.get("name") or data.get("custom_id")), time.monotonic(), target, guild_id
        )
        with self._lock:
            self.interactions[interaction_id] = sent
            self._by_token[token] = sent
        asyncio.run_coroutine_threadsafe(self._dispatch("INTERACTION_CREATE", payload), self._loop).result(5)
        return sent

    def command(
        self, name: str, options: dict[str, Any] | None = None, *, user_id: str = "900000000000000040",
        permissions: int = 1024, locale: str = "en-US", guild_id: str = GUILD_ID,
    ) -> Sent:  # fmt: skip
        """Run slash command ``name`` with ``options`` as a member (plain member by default) in ``guild_id``."""
        registered = next(c for c in self.commands if c["name"] == name and c.get("type", 1) == 1)
        types = {o["name"]: o["type"] for o in registered.get("options", [])}
        data = {
            "id": registered["id"],
            "name": name,
            "type": 1,
            "guild_id": guild_id,
            "options": [{"name": k, "type": types[k], "value": v} for k, v in (options or {}).items()],
        }
        return self._interaction(2, data, user_id=user_id, permissions=permissions, locale=locale, guild_id=guild_id)

    def message_command(self, name: str, content: str, *, user_id: str = "900000000000000040") -> Sent:
        """Run message menu ``name`` on a message holding ``content``."""
        registered = next(c for c in self.commands if c["name"] == name and c.get("type") == 3)
        target = {**self._message({"content": content}), "author": user("900000000000000050", "someone")}
        data = {"id": registered["id"], "name": name, "type": 3, "target_id": target["id"],
                "resolved": {"messages": {target["id"]: target}}}  # fmt: skip
        return self._interaction(2, data, user_id=user_id, permissions=1024, locale="en-US")

    def click(self, message: dict[str, Any], label: str, *, user_id: str = "900000000000000040") -> Sent:
        """Press the button labelled ``label`` on ``message`` (a message the bot sent)."""
        button = next(
            c for row in message.get("components", []) for c in row.get("components", []) if c.get("label") == label
        )
        stored = self._find_message(message)
        data = {"custom_id": button["custom_id"], "component_type": 2}
        return self._interaction(3, data, user_id=user_id, permissions=1024, locale="en-US", message=stored)

    def submit_modal(self, opened: Sent, values: list[str], *, user_id: str = "900000000000000040",
                     locale: str = "en-US") -> Sent:  # fmt: skip
        """Fill in the form the bot opened for ``opened`` (a button click) with ``values``, in order, and submit it."""
        form = next(body["data"] for _, body in opened.callbacks if body.get("type") == MODAL)
        inputs = [c for row in form["components"] for c in _inputs(row)]
        rows = [{"type": 1, "components": [{"type": 4, "custom_id": c["custom_id"], "value": v}]}
                for c, v in zip(inputs, values, strict=True)]  # fmt: skip
        data = {"custom_id": form["custom_id"], "components": rows}
        message = self._find_message({"id": opened.target}) if opened.target else None
        return self._interaction(5, data, user_id=user_id, permissions=1024, locale=locale, message=message)

    def post(
        self, content: str, *, author_id: str = "900000000000000040", bot: bool = False, mention: bool = True,
        reply_to: dict[str, Any] | None = None, channel_id: str = CHANNEL_ID, guild_id: str = GUILD_ID,
    ) -> dict[str, Any]:  # fmt: skip
        """A member (or a bot) posts ``content`` (mentioning the bot first if ``mention``); MESSAGE_CREATE is sent.

        In a server other than GUILD_ID the message goes to that server's channel unless ``channel_id`` names another.
        """
        if guild_id != GUILD_ID and channel_id == CHANNEL_ID:
            channel_id = CHANNELS[guild_id]
        author = user(author_id, f"member-{author_id[-4:]}", bot=bot)
        text = f"<@{BOT_ID}> {content}" if mention else content
        message = {
            "id": snowflake(), "channel_id": channel_id, "guild_id": guild_id, "author": author,
            "member": {"roles": [], "joined_at": now(), "deaf": False, "mute": False, "flags": 0},
            "content": text, "timestamp": now(), "edited_timestamp": None, "tts": False, "mention_everyone": False,
            "mentions": [user(BOT_ID, "summit-bot", bot=True)] if mention else [], "mention_roles": [],
            "attachments": [], "embeds": [], "components": [], "pinned": False, "type": 0, "flags": 0,
        }  # fmt: skip
        if reply_to is not None:
            message["type"] = 19
            message["message_reference"] = {"message_id": reply_to["id"], "channel_id": reply_to["channel_id"],
                                            "guild_id": guild_id}  # fmt: skip
            message["referenced_message"] = self._find_message(reply_to)
        asyncio.run_coroutine_threadsafe(self._dispatch("MESSAGE_CREATE", message), self._loop).result(5)
        return message

    def replies_to(self, message: dict[str, Any]) -> list[dict[str, Any]]:
        """Messages the bot sent as replies to ``message``."""
        with self._lock:
            return [
                m for m in self.messages.values()
                if str((m.get("message_reference") or {}).get("message_id")) == message["id"]
            ]  # fmt: skip

    def reply_to(self, message: dict[str, Any], timeout: float = 60.0) -> dict[str, Any]:
        """The bot's first reply to ``message`` (waits for it)."""
        return self.wait(lambda: (self.replies_to(message) or [None])[0], timeout, "a reply to a message")

    def in_channel(self, channel_id: str) -> list[dict[str, Any]]:
        """Messages the bot sent into ``channel_id`` (a thread, say)."""
        with self._lock:
            return [m for m in self.messages.values() if m["channel_id"] == channel_id]

    def _find_message(self, message: dict[str, Any]) -> dict[str, Any]:
        found = self.messages.get(message.get("id", ""))
        if found is None:
            raise LookupError("that message was not sent through the fake Discord")
        return {k: v for k, v in found.items() if k != "allowed_mentions"}

    def wait(self, predicate: Any, timeout: float = 60.0, what: str = "the bot") -> Any:
        """Poll until ``predicate()`` is truthy; its value is returned."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.05)
        raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")

    def answered(self, sent: Sent, timeout: float = 60.0) -> dict[str, Any]:
        """The first message the bot sent (or updated) for ``sent``, as stored, with ``allowed_mentions``."""

        def done() -> dict[str, Any] | None:
            with self._lock:
                return sent.replies[0][1] if sent.replies else None

        return self.wait(done, timeout, f"an answer to {sent.kind}")

    def answered_after(self, sent: Sent) -> float | None:
        """Seconds from sending to the first real reply."""
        return sent.replies[0][0] - sent.sent_at if sent.replies else None
