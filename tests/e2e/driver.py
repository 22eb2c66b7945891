"""The W3C WebDriver client and the step machinery of the end-to-end test (tests/e2e/app.py).

Python 3 standard library only: the protocol is a few JSON requests. The environment is the
one run.sh sets (see app.py).
"""

import base64
import http.client
import json
import os
import re
import subprocess
import sys
import time
import unicodedata
import urllib.error
import urllib.request

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
KEY_CTRL = "\ue009"
KEY_TAB = "\ue004"
KEY_ENTER = "\ue007"


def env(name):
    value = os.environ.get(name)
    if not value:
        sys.exit(f"E2E: the environment variable {name} is not set (run tests/e2e/run.sh)")
    return value


APP = env("TRE_APP")
CLI = env("TRE_CLI")
DB = env("TRE_DB")
EXPORT_DIR = env("TRE_EXPORT_DIR")
DRIVER = os.environ.get("WEBDRIVER_URL", "http://127.0.0.1:4444").rstrip("/")
ARTIFACTS = env("E2E_ARTIFACTS")


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def nfc(s):
    return unicodedata.normalize("NFC", s)


def squash(s):
    """Whitespace runs (line breaks of a PDF or an SVG) as one space."""
    return re.sub(r"\s+", " ", s).strip()


# --- W3C WebDriver, the few endpoints this test needs ------------------------------------------


class WebDriverError(Exception):
    pass


# tauri-driver forwards each request to WebKitWebDriver over a pooled keep-alive connection;
# when WebKitWebDriver has closed that connection meanwhile, tauri-driver logs
# "hyper::Error(IncompleteMessage)" and drops our request unanswered. The request never
# reached WebKitWebDriver, so sending it again is safe.
TRANSIENT = (ConnectionResetError, ConnectionRefusedError, http.client.RemoteDisconnected, http.client.IncompleteRead)


def http_call(method, path, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode("utf-8")
    for attempt in range(4):
        req = urllib.request.Request(DRIVER + path, data=data, method=method)
        req.add_header("Content-Type", "application/json; charset=utf-8")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as r:
                payload = json.loads(r.read().decode("utf-8") or "{}")
            return payload.get("value")
        except urllib.error.HTTPError as e:
            text = e.read().decode("utf-8", "replace")
            try:
                v = json.loads(text).get("value", {})
                text = f"{v.get('error')}: {v.get('message')}"
            except (ValueError, AttributeError):
                pass
            raise WebDriverError(f"{method} {path}: HTTP {e.code} {text}") from None
        except TRANSIENT as e:
            if attempt == 3:
                raise WebDriverError(f"{method} {path}: the driver dropped the connection 4 times ({e!r})") from None
            state["retries"] += 1
            time.sleep(0.2)


def element_id(ref):
    """The id in a web element reference (W3C key; old drivers say "ELEMENT")."""
    if isinstance(ref, dict):
        for key in (ELEMENT, "ELEMENT"):
            if key in ref:
                return ref[key]
    raise WebDriverError(f"not a web element reference: {ref!r}")


def ref(el):
    """A web element reference to pass to a script."""
    return {ELEMENT: el}


class Session:
    def __init__(self):
        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {"application": APP}}}}
        value = http_call("POST", "/session", caps, timeout=90)
        self.id = value["sessionId"]
        self.base = f"/session/{self.id}"

    def cmd(self, method, path, body=None, timeout=60):
        return http_call(method, self.base + path, body, timeout)

    def close(self):
        try:
            http_call("DELETE", self.base, timeout=30)
        except (WebDriverError, OSError) as e:
            print(f"     (closing the session: {e})")

    # Elements.
    def find_all(self, css):
        return [element_id(e) for e in self.cmd("POST", "/elements", {"using": "css selector", "value": css})]

    def find_within(self, el, css):
        return [element_id(e) for e in self.cmd("POST", f"/element/{el}/elements", {"using": "css selector", "value": css})]

    def find(self, css, timeout=15):
        found = wait(lambda: self.find_all(css), timeout, f"an element {css}")
        return found[0]

    def tid(self, testid, timeout=15):
        return self.find(f'[data-testid="{testid}"]', timeout)

    def click(self, el):
        count("click")
        # WebDriver scrolls an element only just into view, where the sticky bars of the
        # app (the setup form's save bar) would take the click: centre it first.
        self.js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", ref(el))
        self.cmd("POST", f"/element/{el}/click", {})

    def type(self, el, text):
        for kind in typed(text):
            count(kind)
        self.cmd("POST", f"/element/{el}/value", {"text": text})

    def replace_text(self, el, text):
        """Select all in the field (Ctrl+A) and type over it, as a person would."""
        self.click(el)
        # Ctrl pressed again releases it: WebKitWebDriver drops what follows a NULL key.
        self.type(el, KEY_CTRL + "a" + KEY_CTRL + text)

    def value(self, el):
        return self.cmd("GET", f"/element/{el}/property/value")

    def text(self, el):
        return self.cmd("GET", f"/element/{el}/text")

    def js(self, script, *args):
        return self.cmd("POST", "/execute/sync", {"script": script, "args": list(args)})

    def screenshot(self, path):
        # WebKitWebDriver's screenshot never answers when the page is exactly as tall as the
        # window (the home page with a short list): make it one pixel taller meanwhile.
        grown = self.js(
            """const d = document.documentElement;
            if (d.scrollHeight > innerHeight) return false;
            d.style.minHeight = `${innerHeight + 1}px`;
            return true;"""
        )
        try:
            png = base64.b64decode(self.cmd("GET", "/screenshot", timeout=30))
        finally:
            if grown:
                self.js("document.documentElement.style.minHeight = ''")
        with open(path, "wb") as f:
            f.write(png)


# --- what the officer does, counted ----------------------------------------------------------
# Each click, each field typed into and each key chord (Tab, Enter, Ctrl+A) the steps send is
# one interaction; what a step does by script (scrolling, reading) is not. The steps from the
# first launch to the printed plan must stay within a budget (app.py).


def typed(text):
    """The interactions one send-keys call makes: the text typed (one, however long) and each
    key chord; Ctrl pressed, keys, Ctrl released is one chord."""
    kinds, chord, text_seen = [], False, False
    for ch in text:
        if ch == KEY_CTRL:
            if chord:
                kinds.append("key")
            chord = not chord
        elif chord:
            continue
        elif "\ue000" <= ch <= "\ue05d":
            kinds.append("key")
        elif not text_seen:
            text_seen = True
            kinds.append("field")
    if chord:
        kinds.append("key")
    return kinds


def count(kind):
    state["interactions"][kind] += 1


def interactions():
    """How many interactions so far, and of which kinds."""
    by = state["interactions"]
    return sum(by.values()), dict(by)


def wait(fn, timeout, what, interval=0.15):
    """Polls fn until it returns something truthy; fails after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    last_error = None
    while True:
        try:
            result = fn()
            if result:
                return result
        except WebDriverError as e:
            last_error = e
        if time.monotonic() > deadline:
            extra = f" (last error: {last_error})" if last_error else ""
            raise Failure(f"timed out after {timeout} s waiting for {what}{extra}")
        time.sleep(interval)


def run(cmd, timeout=60):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)


# --- the steps -----------------------------------------------------------------------------------

# Shared by the steps of app.py and assessment.py; each file adds its own keys.
state = {"retries": 0, "session": None, "step": 0, "name": "start", "passed": 0, "interactions": {"click": 0, "field": 0, "key": 0}}


def shot(name):
    s = state["session"]
    path = os.path.join(ARTIFACTS, f"{state['step']:02d}-{name}.png")
    if s:
        s.screenshot(path)
    return path


def step(name, title):
    def wrap(fn):
        def runner():
            state["step"] += 1
            state["name"] = name
            t0 = time.monotonic()
            n0 = interactions()[0]
            fn(state["session"])
            shot(name)
            state["passed"] += 1
            n = interactions()[0] - n0
            print(f"ok   {state['step']:02d} {title} ({time.monotonic() - t0:.1f} s, {n} interactions)", flush=True)

        runner.title = title
        return runner

    return wrap


def start_app():
    t0 = time.monotonic()
    state["session"] = Session()
    s = state["session"]
    wait(lambda: s.js("return document.readyState === 'complete' && !!document.querySelector('#app, body > *')"), 30, "the window to load")
    print(f"     app started in {time.monotonic() - t0:.1f} s", flush=True)


def app_running():
    """Whether a process of this test's app is alive (same binary, same TRE_DB)."""
    me = os.path.realpath(APP)
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.path.realpath(f"/proc/{pid}/exe") != me:
                continue
            with open(f"/proc/{pid}/environ", "rb") as f:
                if f"TRE_DB={DB}".encode() in f.read().split(b"\0"):
                    return True
        except OSError:
            continue
    return False
