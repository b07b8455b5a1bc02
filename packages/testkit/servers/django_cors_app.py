# Django with django-cors-headers (Debian's python3-django and python3-django-cors-headers),
# for the CLI's tests: one settings module in this file, served by the server `manage.py
# runserver` uses (django.core.servers.basehttp.WSGIServer, "Server: WSGIServer/…") on a
# port of its own. CORS_MODE picks the CORS settings: "listed" is the usual set-up for a
# page on PAGE_ORIGIN with cookies, "regex" an origin regex without its closing "$",
# "setup" runs CORS_SETUP — the settings `corsa check` prints, applied as printed, with
# corsheaders installed as its comment says — and "none" has no CORS at all.
import os

import django
from django.conf import settings
from django.http import JsonResponse
from django.urls import path

mode = os.environ["CORS_MODE"]
page = os.environ.get("PAGE_ORIGIN", "")

# What `django-admin startproject` writes, trimmed to what an API needs.
INSTALLED_APPS = ["django.contrib.contenttypes"]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if mode != "none":
    # What the printed fix's comment asks for, and every set-up here has.
    INSTALLED_APPS.append("corsheaders")
    MIDDLEWARE.insert(0, "corsheaders.middleware.CorsMiddleware")
if mode == "listed":
    CORS_ALLOWED_ORIGINS = [page]
    CORS_ALLOW_CREDENTIALS = True
elif mode == "regex":
    CORS_ALLOWED_ORIGIN_REGEXES = [r"^http://localhost"]
    CORS_ALLOW_CREDENTIALS = True
elif mode == "setup":
    exec(os.environ["CORS_SETUP"])
elif mode != "none":
    raise SystemExit(f"unknown CORS_MODE {mode}")

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="corsa-tests-only",
    **{name: value for name, value in globals().items() if name.isupper() and name != "DEBUG"},
)
django.setup()


def items(request):
    if request.method not in ("GET", "PUT"):
        return JsonResponse({"error": "method not allowed"}, status=405)
    return JsonResponse({"items": []})


def boom(request):
    raise RuntimeError("boom")


# CSRF protection would refuse the PUT before the view; an API with cookies exempts its
# views (or reads the CSRF token), which is not what these tests are about.
from django.views.decorators.csrf import csrf_exempt  # noqa: E402

urlpatterns = [path("api/items", csrf_exempt(items)), path("api/boom", boom)]

from django.core.servers.basehttp import WSGIRequestHandler, WSGIServer  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


server = WSGIServer(("127.0.0.1", 0), QuietHandler)
server.set_app(get_wsgi_application())
print(f"LISTENING {server.server_port}", flush=True)
server.serve_forever()
