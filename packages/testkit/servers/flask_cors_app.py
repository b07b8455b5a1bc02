# Flask with flask-cors (Debian's python3-flask and python3-flask-cors), for the CLI's tests.
# CORS_MODE picks the configuration: "credentials" is the usual setup for a page on
# PAGE_ORIGIN with cookies; "setup" runs CORS_SETUP, Python that configures `app` — the fix
# `corsa check` prints, applied as printed. Served by Werkzeug on a port of its own.
import os

from flask import Flask, jsonify
from flask_cors import CORS
from werkzeug.serving import make_server

app = Flask(__name__)
mode = os.environ["CORS_MODE"]
page = os.environ.get("PAGE_ORIGIN", "")

if mode == "credentials":
    CORS(app, origins=[page], supports_credentials=True)
elif mode == "setup":
    exec(os.environ["CORS_SETUP"])
elif mode != "none":
    raise SystemExit(f"unknown CORS_MODE {mode}")


@app.route("/api/items", methods=["GET", "PUT", "DELETE"])
def items():
    return jsonify(items=[])


server = make_server("127.0.0.1", 0, app)
print(f"LISTENING {server.server_port}", flush=True)
server.serve_forever()
