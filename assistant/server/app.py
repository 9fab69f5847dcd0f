"""The FastAPI app: the API routes, the web page and its files, offline API docs, and the guards.

Errors a user can cause come back as JSON 4xx with a one-sentence `detail`, never a 500."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from assistant.config import Settings
from assistant.core import Assistant
from assistant.server.routes import api, health
from assistant.server.security import GuardMiddleware, RateLimiter
from ingestion.errors import BadInput, IndexUnavailable, NotFound, ThresholdError

WEB = Path(__file__).resolve().parents[1] / "web"


def _status(error: ThresholdError) -> int:
    for kind, status in (
        (NotFound, 404),
        (BadInput, 400),
        (IndexUnavailable, 503),
    ):
        if isinstance(error, kind):
            return status
    return 500


def _one_sentence(error: RequestValidationError) -> tuple[int, str]:
    """FastAPI's list of validation problems, as the first one in words."""
    problem = error.errors()[0]
    if problem.get("type") == "json_invalid":
        return 400, "the request body is not valid JSON"
    loc = list(problem.get("loc", ()))
    where = ".".join(str(part) for part in loc[1:] if loc) or "the request body"
    if where == "the request body":
        return 422, "the request body must be a JSON object (sent with Content-Type: application/json)"
    if problem.get("type") == "missing":
        return 422, f"{where} is required"
    return 422, f"{where}: {problem.get('msg', 'is not valid').lower()}"


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(ThresholdError)
    async def threshold_error(request: Request, error: ThresholdError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=_status(error))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        status, detail = _one_sentence(error)
        return JSONResponse({"detail": detail}, status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> JSONResponse:
        detail = error.detail if isinstance(error.detail, str) else "the request could not be handled"
        if error.status_code == 400 and detail == "There was an error parsing the body":
            detail = "the request body could not be read as JSON (is it UTF-8?)"
        if error.status_code == 404 and detail == "Not Found":
            detail = f"there is nothing at {request.url.path}"
        if error.status_code == 405:
            detail = f"{request.method} is not allowed on {request.url.path}"
        return JSONResponse({"detail": detail}, status_code=error.status_code, headers=error.headers)


def _web(app: FastAPI) -> None:
    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def page() -> FileResponse:
        return FileResponse(WEB / "index.html", headers={"Cache-Control": "no-cache"})

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return HTMLResponse((WEB / "docs.html").read_text(encoding="utf-8"))


def _swagger(app: FastAPI) -> None:
    """Swagger UI's files, shipped by the fastapi-offline package, so /docs works with no internet."""
    import fastapi_offline

    app.mount("/docs-static", StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"), name="docs")


def configure_server_process() -> None:
    """A serving process: the access log at INFO, the HTTP clients' own request lines (Chroma's)
    kept out, and each question embedded on one thread (`server_threads` of them run at once)."""
    import logging

    from ingestion.embed import one_thread_per_query

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    logging.getLogger("httpx").setLevel(logging.WARNING)
    one_thread_per_query()


def _lifespan(settings: Settings):
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = settings.server_threads
        yield

    return lifespan


def create_app(settings: Settings | None = None, assistant: Assistant | None = None) -> FastAPI:
    settings = settings or Settings()
    app = FastAPI(
        lifespan=_lifespan(settings),
        title="threshold",
        summary="Answers about children's safeguarding threshold guidance, cited to the matrix row.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.assistant = assistant or Assistant.open(settings)
    limiter = RateLimiter(settings.rate_limit_per_minute, settings.rate_limit_burst)
    token = settings.api_token.get_secret_value() if settings.api_token else None

    app.include_router(api)
    app.include_router(health)
    _handlers(app)
    _web(app)
    _swagger(app)
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(GuardMiddleware, max_body_bytes=settings.max_body_bytes, limiter=limiter, token=token)
    return app


def app_from_environment() -> FastAPI:
    """For `threshold serve --workers N`: each worker process reads its settings from the
    environment and opens the index from the Chroma server."""
    configure_server_process()
    assistant = Assistant.open(Settings())
    assistant.warm_up()
    return create_app(assistant.settings, assistant)
