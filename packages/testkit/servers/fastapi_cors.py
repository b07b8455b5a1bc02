# FastAPI with Starlette's CORSMiddleware configured as people configure it, for the CLI's
# tests and the browser agreement suite. CORS_MODE picks the configuration, PAGE_ORIGIN
# is the page's origin where one is listed.
import os

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
mode = os.environ["CORS_MODE"]
page = os.environ.get("PAGE_ORIGIN", "")

if mode == "listed":
    # The usual tutorial setup for a React app on Vite's dev server.
    app.add_middleware(CORSMiddleware, allow_origins=[page], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])
elif mode == "listed-vary":
    # The same, with what `corsa audit` advises for Starlette's missing Vary: Origin
    # (the lines of STARLETTE_VARY_MIDDLEWARE in packages/cli/src/audit-fixes.ts).
    app.add_middleware(CORSMiddleware, allow_origins=[page], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])

    @app.middleware("http")
    async def vary_origin(request, call_next):
        response = await call_next(request)
        response.headers.append("Vary", "Origin")
        return response
elif mode == "wildcard-credentials":
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True, allow_methods=["*"], allow_headers=["*"])
elif mode == "defaults":
    # Only the origin: allow_methods defaults to GET, allow_headers to the safelisted four.
    app.add_middleware(CORSMiddleware, allow_origins=[page])
elif mode != "none":
    raise SystemExit(f"unknown CORS_MODE {mode}")


@app.get("/api/items")
def list_items():
    return [{"id": 1}]


@app.put("/api/items")
def put_items():
    return {"ok": True}


@app.get("/api/boom")
def boom():
    raise RuntimeError("boom")


# Requested without the trailing slash, this route answers a 307 redirect first.
@app.get("/api/list/")
def listing():
    return []
