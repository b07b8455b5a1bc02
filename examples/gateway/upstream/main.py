# An existing API whose CORS is too permissive: Starlette's CORSMiddleware with
# allow_origins=["*"] and allow_credentials=True reflects any origin on preflights and
# whenever a cookie is sent, together with Access-Control-Allow-Credentials: true.
# Behind the Corsa gateway, only the gateway's policy decides.
#   cd upstream && /usr/bin/python3 -m uvicorn main:app --host 127.0.0.1 --port 8000
from fastapi import FastAPI, Request, Response
from fastapi.middleware.cors import CORSMiddleware

app = FastAPI()
app.add_middleware(
    CORSMiddleware,
    allow_origins=["*"],
    allow_credentials=True,
    allow_methods=["*"],
    allow_headers=["*"],
    expose_headers=["x-secret"],
)


@app.get("/api/login")
def login(response: Response):
    response.set_cookie("session", "s3cret", path="/", samesite="lax")
    response.headers["x-secret"] = "upstream-secret"
    return {"logged_in": True}


@app.get("/api/me")
def me(request: Request, response: Response):
    response.headers["x-secret"] = "upstream-secret"
    return {"session": request.cookies.get("session")}


@app.put("/api/items/{item_id}")
async def put_item(item_id: str, request: Request):
    return {"id": item_id, "saved": await request.json()}
