"""What guards the HTTP app: a bearer token, a body size limit, a per-client rate limit, security
headers, and an access log that never carries what people typed (no query strings, no bodies)."""

from __future__ import annotations

import json
import logging
import secrets
import threading
import time
from dataclasses import dataclass, field

from ingestion.errors import ThresholdError

log = logging.getLogger("threshold.http")

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
DOCS_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
"""Swagger UI sets style attributes; its page still runs no inline script."""

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class Unauthorized(ThresholdError):
    pass


class TooManyRequests(ThresholdError):
    def __init__(self, retry_after: int):
        super().__init__(f"too many requests; try again in {retry_after} seconds")
        self.retry_after = retry_after


def check_token(expected: str | None, authorization: str) -> None:
    """Compare in constant time; the token is only asked for when one is configured."""
    if expected is None:
        return
    scheme, _, given = authorization.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(given.strip().encode(), expected.encode()):
        raise Unauthorized("a bearer token is required: send 'Authorization: Bearer <token>'")


@dataclass
class RateLimiter:
    """A token bucket per client: `burst` requests at once, refilled at `per_minute`."""

    per_minute: int
    burst: int
    buckets: dict[str, tuple[float, float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, client: str, now: float | None = None) -> None:
        if self.per_minute <= 0:
            return
        now = time.monotonic() if now is None else now
        rate = self.per_minute / 60.0
        with self.lock:
            tokens, seen = self.buckets.get(client, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - seen) * rate)
            if tokens < 1.0:
                self.buckets[client] = (tokens, now)
                raise TooManyRequests(max(1, int((1.0 - tokens) / rate + 0.999)))
            self.buckets[client] = (tokens - 1.0, now)
            if len(self.buckets) > 10_000:
                self._forget_idle(now)

    def _forget_idle(self, now: float) -> None:
        full_after = self.burst / (self.per_minute / 60.0)
        for client in [c for c, (_, seen) in self.buckets.items() if now - seen > full_after]:
            del self.buckets[client]


async def _send_json(send, status: int, detail: str, extra_headers: list[tuple[bytes, bytes]] = ()) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + list(extra_headers)})
    await send({"type": "http.response.body", "body": body})


def _header(scope, name: bytes) -> str:
    return next((value.decode("latin-1") for key, value in scope.get("headers", []) if key == name), "")


class GuardMiddleware:
    """Pure ASGI, outermost, so it runs before any body is parsed: adds security headers to every
    response; for /api, applies the rate limit and the token; refuses bodies over the limit (read
    whole, at most the limit, then replayed to the app); logs method, path, status, size and time."""

    def __init__(self, app, max_body_bytes: int, limiter: RateLimiter, token: str | None):
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.limiter = limiter
        self.token = token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        state = {"status": 0, "bytes": 0}
        policy = DOCS_CONTENT_SECURITY_POLICY if scope["path"].startswith("/docs") else CONTENT_SECURITY_POLICY

        async def guarded_send(message):
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                message["headers"] = [
                    *message.get("headers", []),
                    (b"content-security-policy", policy.encode()),
                    *SECURITY_HEADERS,
                ]
            elif message["type"] == "http.response.body":
                state["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            refusal = self._refusal(scope)
            if refusal:
                return await _send_json(guarded_send, *refusal)
            replay = await self._read_body(scope, receive)
            if replay is None:
                detail = f"the request body is over the limit of {self.max_body_bytes} bytes"
                return await _send_json(guarded_send, 413, detail)
            await self.app(scope, replay, guarded_send)
        finally:
            log.info(
                "%s %s %s %dB %.1fms",
                scope["method"],
                scope["path"],
                state["status"],
                state["bytes"],
                (time.perf_counter() - started) * 1000,
            )

    def _refusal(self, scope) -> tuple[int, str, list[tuple[bytes, bytes]]] | None:
        """A 429 or 401 for an /api request over the rate limit or without the token."""
        if not scope["path"].startswith("/api") or scope["method"] == "OPTIONS":
            return None
        client = scope.get("client")
        try:
            self.limiter.take(client[0] if client else "unknown")
        except TooManyRequests as error:
            return 429, str(error), [(b"retry-after", str(error.retry_after).encode())]
        try:
            check_token(self.token, _header(scope, b"authorization"))
        except Unauthorized as error:
            return 401, str(error), [(b"www-authenticate", b"Bearer")]
        return None

    async def _read_body(self, scope, receive):
        """A receive that hands the app the whole body as one message, or None when the body is
        over the limit (by its declared length, before reading, or while reading)."""
        declared = _header(scope, b"content-length")
        if declared.isdigit() and int(declared) > self.max_body_bytes:
            return None
        chunks, size, more = [], 0, True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return receive
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.max_body_bytes:
                return None
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if sent:
                return await receive()
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}

        return replay
