"""The cmi5 test LMS: a small launcher in the tests, plus Ralph as the real LRS.

Ralph (``ralph runserver -b fs``) stores and validates the xAPI statements. What Ralph lacks
and an LMS provides comes from this launcher, named as such: the launch URL, the fetch URL
(a one-time auth token), the State API (LMS.LaunchData and the AU's own state document),
the "launched" statement; it forwards /xapi/statements to Ralph unchanged.
"""

from __future__ import annotations

import base64
import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

CMI5 = "https://w3id.org/xapi/cmi5/context/"
SERVER = Path(__file__).with_name("ralph_server.py")
USER, PASSWORD = "lms", "launcher-secret"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def ralph(folder: Path) -> Iterator[str]:
    """A Ralph LRS on 127.0.0.1 storing statements under ``folder``; yields its xAPI URL."""
    import bcrypt

    app = folder / "app"
    app.mkdir(parents=True)
    (folder / "data").mkdir()
    digest = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
    (app / "auth.json").write_text(json.dumps([{
        "agent": {"mbox": "mailto:lms@example.org", "objectType": "Agent"},
        "scopes": ["all"], "hash": digest, "username": USER}]), encoding="utf-8")
    port = free_port()
    env = {**os.environ, "RALPH_APP_DIR": str(app), "RALPH_RUNSERVER_BACKEND": "fs",
           "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(folder / "data")}
    with open(folder / "ralph.log", "wb") as log:
        process = subprocess.Popen([sys.executable, str(SERVER), str(port)], env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{base}/__heartbeat__", timeout=1):
                    break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError((folder / "ralph.log").read_text()) from None
                time.sleep(0.25)
        else:
            raise RuntimeError("Ralph did not start")
        yield f"{base}/xAPI/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def xapi(lrs: str, method: str, path: str, body: Any = None,
         query: dict[str, str] | None = None) -> tuple[int, bytes]:
    url = f"{lrs}{path}" + (f"?{urlencode(query)}" if query else "")
    token = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
    request = urllib.request.Request(
        url, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3",
                 "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def statements(lrs: str, registration: str) -> list[dict[str, Any]]:
    """Every statement of a registration, in the order Ralph stored them.

    The statements of one POST can share a `stored` time (the course sends what is left
    when it closes in one batch): within it, the order they were made in (timestamp) counts.
    """
    status, body = xapi(lrs, "GET", "statements",
                        query={"registration": registration, "limit": "500"})
    assert status == 200, body
    found = json.loads(body)["statements"]
    return sorted(found, key=lambda s: (s["stored"], s["timestamp"], s["id"]))


@dataclass
class Launcher:
    package: Path
    lrs: str
    au_id: str
    states: dict[tuple[str, str, str, str], bytes] = field(default_factory=dict)
    tokens: set[str] = field(default_factory=set)
    base: str = ""

    def launch_url(self, actor: dict[str, Any], registration: str, *, mastery: float,
                   language: str | None = None) -> str:
        """Do what an LMS does before a launch, and return the AU's launch URL."""
        session = str(uuid.uuid4())
        template = {"contextActivities": {"grouping": [{"objectType": "Activity",
                                                         "id": self.au_id}]},
                    "extensions": {f"{CMI5}extensions/sessionid": session}}
        launch_data = {"contextTemplate": template, "launchMode": "Normal",
                       "launchMethod": "AnyWindow", "moveOn": "CompletedOrPassed",
                       "masteryScore": mastery}
        key = (self.au_id, json.dumps(actor, sort_keys=True), registration, "LMS.LaunchData")
        self.states[key] = json.dumps(launch_data).encode()
        if language:
            self.states[("profile", json.dumps(actor, sort_keys=True), "", "")] = json.dumps(
                {"languagePreference": language}).encode()
        launched = {"id": str(uuid.uuid4()), "actor": actor,
                    "verb": {"id": "http://adlnet.gov/expapi/verbs/launched"},
                    "object": {"objectType": "Activity", "id": self.au_id},
                    "context": {**template, "registration": registration,
                                "extensions": {**template["extensions"],
                                               f"{CMI5}extensions/launchmode": "Normal",
                                               f"{CMI5}extensions/moveon": "CompletedOrPassed",
                                               f"{CMI5}extensions/launchurl":
                                                   f"{self.base}pkg/index.html"}},
                    "timestamp": datetime.now(UTC).isoformat()}
        status, body = xapi(self.lrs, "POST", "statements", [launched])
        assert status == 200, body
        token = uuid.uuid4().hex
        self.tokens.add(token)
        return f"{self.base}pkg/index.html?" + urlencode({
            "endpoint": f"{self.base}xapi/", "fetch": f"{self.base}lms/fetch?token={token}",
            "actor": json.dumps(actor), "registration": registration,
            "activityId": self.au_id})


def _handler(launcher: Launcher) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def reply(self, status: int, body: bytes, kind: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("X-Experience-API-Version", "1.0.3")
            self.end_headers()
            self.wfile.write(body)

        def body(self) -> bytes:
            return self.rfile.read(int(self.headers.get("Content-Length") or 0))

        def do_GET(self) -> None:
            self.route("GET")

        def do_PUT(self) -> None:
            self.route("PUT")

        def do_POST(self) -> None:
            self.route("POST")

        def route(self, method: str) -> None:
            url = urlsplit(self.path)
            q = {k: v[0] for k, v in parse_qs(url.query).items()}
            if url.path.startswith("/pkg/") and method == "GET":
                self.file(url.path[len("/pkg/"):])
            elif url.path == "/lms/fetch" and method == "POST":
                self.fetch(q.get("token", ""))
            elif url.path == "/xapi/activities/state":
                key = (q.get("activityId", ""), json.dumps(json.loads(q.get("agent", "{}")),
                                                           sort_keys=True),
                       q.get("registration", ""), q.get("stateId", ""))
                self.state(method, key)
            elif url.path == "/xapi/agents/profile" and method == "GET":
                key = ("profile", json.dumps(json.loads(q.get("agent", "{}")), sort_keys=True),
                       "", "")
                found = launcher.states.get(key)
                self.reply(200, found) if found else self.reply(404, b"{}")
            elif url.path == "/xapi/statements":
                self.forward(method, url.query)
            else:
                self.reply(404, b"{}")

        def file(self, rel: str) -> None:
            root = launcher.package.resolve()
            target = (root / rel).resolve()
            if root not in target.parents or not target.is_file():
                self.reply(404, b"not found", "text/plain")
                return
            kinds = {".html": "text/html", ".js": "text/javascript", ".css": "text/css",
                     ".json": "application/json", ".svg": "image/svg+xml", ".xml": "text/xml"}
            self.reply(200, target.read_bytes(), kinds.get(target.suffix,
                                                           "application/octet-stream"))

        def fetch(self, token: str) -> None:
            if token not in launcher.tokens:  # cmi5: a fetch URL works once
                self.reply(200, json.dumps({"error-code": "1",
                                            "error-text": "already used"}).encode())
                return
            launcher.tokens.discard(token)
            auth = base64.b64encode(f"{USER}:{PASSWORD}".encode()).decode()
            self.reply(200, json.dumps({"auth-token": auth}).encode())

        def state(self, method: str, key: tuple[str, str, str, str]) -> None:
            if method == "GET":
                found = launcher.states.get(key)
                self.reply(200, found) if found is not None else self.reply(404, b"{}")
            else:
                launcher.states[key] = self.body()
                self.reply(204, b"")

        def forward(self, method: str, query: str) -> None:
            data = self.body() if method in ("POST", "PUT") else None
            request = urllib.request.Request(
                f"{launcher.lrs}statements" + (f"?{query}" if query else ""), method=method,
                data=data, headers={k: v for k, v in self.headers.items() if k.lower() in (
                    "authorization", "content-type", "x-experience-api-version")})
            try:
                with urllib.request.urlopen(request, timeout=10) as response:
                    self.reply(response.status, response.read())
            except urllib.error.HTTPError as exc:
                self.reply(exc.code, exc.read())

    return Handler


@contextmanager
def launcher(package: Path, lrs: str, au_id: str) -> Iterator[Launcher]:
    state = Launcher(package, lrs, au_id)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, name="cmi5-launcher", daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
