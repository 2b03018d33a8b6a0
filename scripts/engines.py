"""The two browser engines besides Chromium that Chinese readers use, driven the standard way, for tests and benchmarks;
and Chromium (Playwright) behind the same small interface, so that one sequence runs in all three.

* WebKit (every iOS browser, WeChat on iOS): Debian's ``webkit2gtk-driver`` (``WebKitWebDriver``), W3C WebDriver
  over HTTP, driving WebKitGTK's MiniBrowser on an Xvfb screen. Each page is a new session: a new browser with
  empty storage. This WebKitGTK has no network emulation: "offline" is a server that is gone.
* Gecko (Firefox): Debian's ``firefox-esr``, headless, over WebDriver BiDi (a WebSocket, no geckodriver). Each
  page is a tab in a new user context (its own storage, service workers included); it can be put offline.

    with Firefox() as firefox:          # or WebKit()
        page = firefox.new_page()
        page.goto("http://127.0.0.1:8000/calculator/")
        page.evaluate("(id) => document.getElementById(id).textContent", "calc-status")
        page.wait_for("() => document.documentElement.dataset.calcState === 'ready'", timeout_s=90)
        page.close()

``evaluate`` takes a JavaScript function (as text) and JSON-able arguments, awaits what it returns and gives it
back through JSON. Both ``available()`` functions say in one sentence what is missing (``make test`` installs
the packages as root on Debian).
"""

from __future__ import annotations

import glob
import itertools
import json
import os
import queue
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

FIREFOX = os.environ.get("FIREFOX") or shutil.which("firefox-esr") or shutil.which("firefox") or "/usr/bin/firefox-esr"
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER") or shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
XVFB = shutil.which("Xvfb") or "/usr/bin/Xvfb"


def minibrowser() -> str | None:
    """WebKitGTK's own browser, which WebKitWebDriver drives (shipped with libwebkit2gtk)."""
    found = sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))
    return os.environ.get("WEBKIT_BROWSER") or (found[-1] if found else None)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class EngineError(RuntimeError):
    pass


def _wrapped(function: str, args: tuple) -> str:
    """An expression that calls ``function`` with ``args`` and resolves to its awaited value as JSON text."""
    return f"Promise.resolve().then(() => ({function})(...{json.dumps(list(args))})).then((value) => JSON.stringify(value === undefined ? null : value))"


class Page:
    """What a test does with a page, in either engine."""

    engine = ""

    def goto(self, url: str) -> None:
        raise NotImplementedError

    def evaluate(self, function: str, *args):
        raise NotImplementedError

    def set_offline(self, offline: bool) -> None:
        raise NotImplementedError(f"{self.engine}: no network emulation")

    def console_errors(self) -> list[str] | None:
        """Errors the page logged (None where the engine does not report them over its protocol)."""
        return None

    def close(self) -> None:
        raise NotImplementedError

    def wait_for(self, function: str, *args, timeout_s: float = 60, every_s: float = 0.2):
        """Evaluate until the value is truthy; return it (an EngineError after ``timeout_s``)."""
        deadline = time.monotonic() + timeout_s
        value = None
        while time.monotonic() < deadline:
            value = self.evaluate(function, *args)
            if value:
                return value
            time.sleep(every_s)
        raise EngineError(f"{self.engine}: timed out after {timeout_s} s waiting for {function} (last value: {value!r})")


# ---- WebKit: WebKitWebDriver, W3C WebDriver over HTTP --------------------------------------------------------

def webkit_available() -> str | None:
    """None when WebKit can run here, else one sentence saying what is missing."""
    missing = [name for name, path in (("webkit2gtk-driver", WEBKIT_DRIVER), ("xvfb", XVFB)) if not Path(path).is_file()]
    if not minibrowser():
        missing.append("libwebkit2gtk-4.1-0 (MiniBrowser)")
    return f"WebKit not found: install Debian's {' and '.join(missing)} (apt-get install webkit2gtk-driver xvfb)" if missing else None


class Screen:
    """An Xvfb screen of its own (the display number Xvfb picks), for browsers that need one."""

    def __init__(self):
        read, write = os.pipe()
        self.process = subprocess.Popen([XVFB, "-displayfd", str(write), "-nolisten", "tcp", "-screen", "0", "1280x1024x24"],
                                        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.close()
            raise EngineError("Xvfb did not start")
        self.display = f":{number}"

    def close(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


class WebKit:
    name = "webkit"

    def __init__(self):
        problem = webkit_available()
        if problem:
            raise EngineError(problem)
        self.screen = Screen()
        self.port = free_port()
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([WEBKIT_DRIVER, f"--port={self.port}"], stdout=self.log, stderr=subprocess.STDOUT,
                                        env={**os.environ, "DISPLAY": self.screen.display}, start_new_session=True)
        deadline = time.monotonic() + 20
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5):
                    break
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.close()
                    raise EngineError("WebKitWebDriver did not start")
                time.sleep(0.1)
        self.version = ""

    def __enter__(self) -> WebKit:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def call(self, method: str, path: str, body: dict | None = None, timeout: float = 300):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                return json.loads(response.read())["value"]
        except urllib.error.HTTPError as error:
            value = json.loads(error.read()).get("value", {})
            raise EngineError(f"webkit: {method} {path}: {value.get('error')}: {value.get('message')}") from None

    def new_page(self) -> WebKitPage:
        options = {"binary": minibrowser(), "args": ["--automation"]}
        session = self.call("POST", "/session", {"capabilities": {"alwaysMatch": {"webkitgtk:browserOptions": options}}})
        self.version = session["capabilities"].get("browserVersion", "")
        return WebKitPage(self, session["sessionId"])

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)  # the driver and the browsers it started
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
        self.screen.close()


class WebKitPage(Page):
    engine = "webkit"

    def __init__(self, driver: WebKit, session: str):
        self.driver = driver
        self.session = session
        self.call("POST", "/timeouts", {"script": 120_000, "pageLoad": 120_000})

    def call(self, method: str, path: str, body: dict | None = None):
        return self.driver.call(method, f"/session/{self.session}{path}", body)

    def goto(self, url: str) -> None:
        self.call("POST", "/url", {"url": url})

    def evaluate(self, function: str, *args):
        script = ("const done = arguments[arguments.length - 1];"
                  f"{_wrapped(function, args)}.then((text) => done({{ok: true, text}}), (error) => done({{ok: false, error: String(error && error.stack || error)}}));")
        answer = self.call("POST", "/execute/async", {"script": script, "args": []})
        if not answer["ok"]:
            raise EngineError(f"webkit: {answer['error']}")
        return json.loads(answer["text"])

    def close(self) -> None:
        try:
            self.call("DELETE", "")
        except (EngineError, OSError):
            pass


# ---- Firefox: WebDriver BiDi over a WebSocket ----------------------------------------------------------------

def firefox_available() -> str | None:
    return None if Path(FIREFOX).is_file() else "Firefox not found: install Debian's firefox-esr (apt-get install firefox-esr) or set FIREFOX=/path/to/firefox"


class Firefox:
    name = "firefox"

    def __init__(self):
        problem = firefox_available()
        if problem:
            raise EngineError(problem)
        from websockets.sync.client import connect

        self.profile = tempfile.mkdtemp(prefix="firefox-")
        self.process = subprocess.Popen([FIREFOX, "--headless", "--no-remote", "--profile", self.profile, "--remote-debugging-port=0"],
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
        lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._drain, args=(lines,), daemon=True).start()
        address = None
        deadline = time.monotonic() + 60
        while address is None and time.monotonic() < deadline:
            try:
                match = re.search(r"WebDriver BiDi listening on (ws://\S+)", lines.get(timeout=1))
            except queue.Empty:
                match = None
            address = match and match.group(1)
        if not address:
            self.close()
            raise EngineError("Firefox did not start its WebDriver BiDi server")
        self.socket = connect(f"{address}/session", max_size=None, open_timeout=30, proxy=None, legacy=True)
        self.ids = itertools.count(1)
        self.waiting: dict[int, queue.Queue] = {}
        self.events: list[dict] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._receive, daemon=True).start()
        session = self.send("session.new", {"capabilities": {}})
        self.version = session["capabilities"].get("browserVersion", "")
        self.send("session.subscribe", {"events": ["log.entryAdded"]})

    def __enter__(self) -> Firefox:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _drain(self, lines: queue.Queue) -> None:
        for line in self.process.stdout:
            lines.put(line)

    def _receive(self) -> None:
        try:
            for text in self.socket:
                message = json.loads(text)
                if "id" in message and message["id"] in self.waiting:
                    self.waiting[message["id"]].put(message)
                elif message.get("type") == "event":
                    with self.lock:
                        self.events.append(message)
        except Exception:  # the connection closed: every waiting command fails below
            for answer in list(self.waiting.values()):
                answer.put({"type": "error", "error": "closed", "message": "the WebDriver BiDi connection closed"})

    def send(self, method: str, params: dict, timeout: float = 300) -> dict:
        number = next(self.ids)
        answer: queue.Queue = queue.Queue()
        self.waiting[number] = answer
        try:
            self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
            message = answer.get(timeout=timeout)
        except queue.Empty:
            raise EngineError(f"firefox: {method}: no answer within {timeout} s") from None
        finally:
            self.waiting.pop(number, None)
        if message.get("type") == "error":
            raise EngineError(f"firefox: {method}: {message.get('error')}: {message.get('message')}")
        return message["result"]

    def new_page(self) -> FirefoxPage:
        user_context = self.send("browser.createUserContext", {})["userContext"]
        context = self.send("browsingContext.create", {"type": "tab", "userContext": user_context})["context"]
        return FirefoxPage(self, user_context, context)

    def close(self) -> None:
        if getattr(self, "socket", None):
            try:
                self.send("browser.close", {}, timeout=20)
            except (EngineError, OSError):
                pass
            self.socket.close()
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
        shutil.rmtree(self.profile, ignore_errors=True)


class FirefoxPage(Page):
    engine = "firefox"

    def __init__(self, browser: Firefox, user_context: str, context: str):
        self.browser = browser
        self.user_context = user_context
        self.context = context
        with browser.lock:
            self.first_event = len(browser.events)

    def goto(self, url: str) -> None:
        self.browser.send("browsingContext.navigate", {"context": self.context, "url": url, "wait": "complete"})

    def evaluate(self, function: str, *args):
        result = self.browser.send("script.evaluate", {"expression": _wrapped(function, args), "awaitPromise": True,
                                                       "target": {"context": self.context}})
        if result["type"] == "exception":
            raise EngineError(f"firefox: {result['exceptionDetails'].get('text')}")
        value = result["result"]
        return json.loads(value["value"]) if value.get("type") == "string" else None

    def set_offline(self, offline: bool) -> None:
        self.browser.send("emulation.setNetworkConditions", {"networkConditions": {"type": "offline"} if offline else None,
                                                             "userContexts": [self.user_context]})

    def console_errors(self) -> list[str]:
        with self.browser.lock:
            events = self.browser.events[self.first_event:]
        return [event["params"].get("text", "") for event in events
                if event.get("method") == "log.entryAdded" and event["params"].get("level") == "error"]

    def close(self) -> None:
        try:
            self.browser.send("browser.removeUserContext", {"userContext": self.user_context})
        except EngineError:
            pass


# ---- Chromium: Playwright, as the other browser tests drive it ----------------------------------------------

class ChromiumPage(Page):
    """A Playwright page in a context of its own (``context``: a Playwright browser context)."""

    engine = "chromium"

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
        self.errors: list[str] = []
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("pageerror", lambda error: self.errors.append(f"uncaught: {error}"))

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def evaluate(self, function: str, *args):
        return json.loads(self.page.evaluate(_wrapped(function, args)))

    def set_offline(self, offline: bool) -> None:
        self.context.set_offline(offline)

    def console_errors(self) -> list[str]:
        return list(self.errors)

    def close(self) -> None:
        self.context.close()


class Chromium:
    name = "chromium"

    def __init__(self):
        from playwright.sync_api import sync_playwright

        from scripts.runtime_harness import launch_chromium

        self.playwright = sync_playwright().start()
        self.browser = launch_chromium(self.playwright)
        self.version = self.browser.version

    def __enter__(self) -> Chromium:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def new_page(self) -> ChromiumPage:
        return ChromiumPage(self.browser.new_context())

    def close(self) -> None:
        self.browser.close()
        self.playwright.stop()


ENGINES = {"chromium": Chromium, "webkit": WebKit, "firefox": Firefox}
AVAILABLE = {"webkit": webkit_available, "firefox": firefox_available}
