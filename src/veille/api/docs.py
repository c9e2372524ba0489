"""GET /docs: Swagger UI from the files of the `swagger-ui-bundle-v2` package, so the page
works without a network (FastAPI's own /docs loads Swagger UI from a CDN)."""

# No `from __future__ import annotations` here: FastAPI reads the routes' annotations at run
# time, and a dependency defined inside a router factory cannot be found from a string.

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from swagger_ui_bundle import swagger_ui_path

from ..errors import NoSuchEndpoint

# The only files served, by name: nothing a client sends is ever joined to a path.
ASSETS = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "favicon-32x32.png": "image/png",
}


def add_docs(app: FastAPI) -> None:
    folder = Path(str(swagger_ui_path))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{app.title} API",
            swagger_js_url="/docs/assets/swagger-ui-bundle.js",
            swagger_css_url="/docs/assets/swagger-ui.css",
            swagger_favicon_url="/docs/assets/favicon-32x32.png")

    @app.get("/docs/assets/{name}", include_in_schema=False)
    def asset(name: str, request: Request) -> FileResponse:
        if name not in ASSETS:
            raise NoSuchEndpoint(method=request.method, path=request.url.path)
        return FileResponse(folder / name, media_type=ASSETS[name])
