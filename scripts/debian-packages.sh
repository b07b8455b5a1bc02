#!/usr/bin/env bash
# Installs the Debian packages the test suites and benchmarks drive, when missing:
#   chromium                         the browser suite: Chromium
#   firefox-esr                      the browser suite: Firefox
#   webkit2gtk-driver xvfb           the browser suite: WebKitGTK (MiniBrowser, WebKitWebDriver) on a virtual display
#   python3-fastapi python3-uvicorn  the FastAPI upstream of examples/gateway
#   python3-flask python3-flask-cors  a Flask API for corsa check and audit
#   python3-django python3-django-cors-headers  a Django API for corsa check and audit
#   golang-go golang-github-rs-cors-dev  a Go API with rs/cors for corsa check and audit
#   apache2 caddy nginx              the web servers corsa check and audit are run against
# Needs root (as on CI); run by .ci/run and safe to run again.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/firefox-esr ] || missing+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || missing+=(webkit2gtk-driver)
[ -x /usr/bin/Xvfb ] || missing+=(xvfb)
/usr/bin/python3 -c 'import fastapi, uvicorn' 2>/dev/null || missing+=(python3-fastapi python3-uvicorn)
/usr/bin/python3 -c 'import flask, flask_cors' 2>/dev/null || missing+=(python3-flask python3-flask-cors)
/usr/bin/python3 -c 'import django, corsheaders' 2>/dev/null || missing+=(python3-django python3-django-cors-headers)
[ -x /usr/bin/go ] || missing+=(golang-go)
[ -f /usr/share/gocode/src/github.com/rs/cors/cors.go ] || missing+=(golang-github-rs-cors-dev)
[ -x /usr/sbin/apache2 ] || missing+=(apache2)
[ -x /usr/bin/caddy ] || missing+=(caddy)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
