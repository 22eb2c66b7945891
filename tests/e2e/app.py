#!/usr/bin/env python3
"""End-to-end test of the real Tre app, driven as the officer would use it.

tests/e2e/run.sh starts Xvfb and tauri-driver and then runs this file; run it by hand with the
same environment (see run.sh). Python 3 standard library only: the W3C WebDriver protocol is a
few JSON requests. Every step saves a screenshot in $E2E_ARTIFACTS (target/e2e-artifacts).

Environment (all set by run.sh):
  TRE_APP         the built app (target/debug/tre-app, built with --features custom-protocol)
  TRE_CLI         the CLI (target/debug/tre), to read the same database back
  TRE_DB          the database file, in a fresh temp dir
  TRE_EXPORT_DIR  where "Xuất PDF" / "Xuất Word" write
  WEBDRIVER_URL   tauri-driver, e.g. http://127.0.0.1:4444
  E2E_ARTIFACTS   where the screenshots go
"""

import base64
import http.client
import json
import os
import re
import subprocess
import sys
import time
import traceback
import unicodedata
import urllib.error
import urllib.request
import zipfile

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"
KEY_CTRL = "\ue009"
KEY_TAB = "\ue004"

COMMUNE = "Tân Lập"
PROVINCE = "Tuyên Quang"
CHAIR = "Nguyễn Hữu An"
VICE_CHAIR = "Đỗ Minh Khoa"
TYPED = "Lồng ghép các hoạt động vui chơi cho trẻ em"
DEADLINE_TEXT = "Gửi báo cáo kết quả các hoạt động vui chơi cho trẻ em về Ủy ban nhân dân xã"


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
        # WebDriver scrolls an element only just into view, where the sticky bars of the
        # app (the setup form's save bar) would take the click: centre it first.
        self.js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'})", ref(el))
        self.cmd("POST", f"/element/{el}/click", {})

    def type(self, el, text):
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

state = {"retries": 0, "session": None, "step": 0, "name": "start", "passed": 0, "plan_id": None, "year": None, "pdf": None, "docx": None}


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
            fn(state["session"])
            shot(name)
            state["passed"] += 1
            print(f"ok   {state['step']:02d} {title} ({time.monotonic() - t0:.1f} s)", flush=True)

        runner.title = title
        return runner

    return wrap


def start_app():
    t0 = time.monotonic()
    state["session"] = Session()
    s = state["session"]
    wait(lambda: s.js("return document.readyState === 'complete' && !!document.querySelector('#app, body > *')"), 30, "the window to load")
    print(f"     app started in {time.monotonic() - t0:.1f} s", flush=True)


def save_state(s):
    return s.js("const e = document.querySelector('[data-testid=\"save-status\"]'); return e ? [e.dataset.state, e.textContent.trim()] : null")


def preview_text(s):
    return s.js("const p = document.querySelector('[data-testid=\"preview\"]'); return p ? [...p.querySelectorAll('svg')].map((g) => g.textContent).join('\\n') : ''")


@step("setup-saved", "first run: the setup screen, fill in the commune and save")
def setup(s):
    name = s.tid("setup-name", timeout=30)
    check(s.find_all('[data-testid="use-demo"]'), "the first-run welcome (with the demo button) is not shown")
    s.type(name, COMMUNE)
    s.type(s.tid("setup-province"), PROVINCE)
    leaders = s.find_all('[data-testid="setup-leader-name"]')
    check(len(leaders) >= 2, f"expected two leader rows, found {len(leaders)}")
    s.type(leaders[0], CHAIR)
    s.type(leaders[1], VICE_CHAIR)
    s.click(s.tid("setup-add-common-units"))
    wait(lambda: len(s.find_all('[data-testid="setup-unit-name"]')) >= 5, 10, "the common units to be added")
    check(s.value(s.tid("setup-name")) == COMMUNE, f"the name reads back as {s.value(s.tid('setup-name'))!r}")
    check(s.value(s.tid("setup-superior")) == f"Sở Y tế tỉnh {PROVINCE}", "the superior body was not derived from the province")
    check(s.value(s.tid("setup-authority-2")) == "XÃ TÂN LẬP", f"authority line 2 reads {s.value(s.tid('setup-authority-2'))!r}")
    s.js("document.querySelector('[data-testid=\"setup-name\"]').closest('section').scrollIntoView({block: 'start'})")
    shot("setup-form")
    s.click(s.tid("setup-save"))
    s.tid("plans-empty", timeout=15)
    s.tid("new-plan")


@step("new-plan", "home: create a plan from the qd06 template")
def new_plan(s):
    s.click(s.tid("new-plan"))
    s.click(s.tid("template-card-qd06"))
    s.tid("section-title", timeout=20)
    titles = s.js("return [...document.querySelectorAll('[data-testid=\"section-title\"]')].map((e) => e.value)")
    check("MỤC ĐÍCH, YÊU CẦU" in titles, f"the qd06 sections are not there: {titles[:5]}")
    state["year"] = int(s.value(s.tid("plan-year")))
    m = re.search(r"#/plan/(\d+)", s.js("return location.hash") or "")
    state["plan_id"] = int(m.group(1)) if m else None
    wait(lambda: s.find_all('[data-testid="preview-page"]'), 20, "the first preview page")


@step("typed-text", "editor: type Vietnamese text with diacritics into a new paragraph")
def type_text(s):
    s.click(s.find('[data-testid="add-paragraph"]'))
    el = wait(lambda: s.js("const a = document.activeElement; return a && a.dataset.testid === 'paragraph' && a.value === '' ? a : null"), 10, "the new empty paragraph to get the focus")
    el = element_id(el)
    s.type(el, TYPED)
    got = s.value(el)
    check(got == TYPED, f"the paragraph reads back {got!r}, expected {TYPED!r}")
    check(got == nfc(got), "the paragraph is not NFC")


@step("deadline", "editor: add a deadline with a date, a text and the responsible unit")
def deadline(s):
    before = len(s.find_all('[data-testid="deadline"]'))
    s.click(s.tid("add-deadline"))
    wait(lambda: len(s.find_all('[data-testid="deadline"]')) == before + 1, 10, "a new deadline row")
    date = s.find_all('[data-testid="deadline-date"]')[-1]
    s.replace_text(date, f"10/11/{state['year']}" + KEY_TAB)
    text = s.find_all('[data-testid="deadline-text"]')[-1]
    s.type(text, DEADLINE_TEXT)
    unit = s.find_all('[data-testid="deadline-unit"]')[-1]
    options = s.js("return [...arguments[0].options].map((o) => o.value)", ref(unit))
    wanted = next((o for o in options if o.startswith("Trạm Y tế")), None)
    check(wanted, f"no health station among the units: {options}")
    state["unit"] = wanted
    # Clicking the option chooses it (WebDriver's rule for <select>); clicking the select
    # itself would open WebKitGTK's native popup menu, which no script can close.
    opt = [o for o in s.find_within(unit, "option") if s.value(o) == wanted]
    check(opt, f"no option {wanted!r} in the last deadline's unit list")
    s.click(opt[-1])
    wait(lambda: s.value(unit) == wanted, 5, f"the unit select to read {wanted!r}")
    check(s.value(date) == f"10/11/{state['year']}", f"the deadline date reads {s.value(date)!r}")
    check(s.value(text) == DEADLINE_TEXT, f"the deadline text reads {s.value(text)!r}")
    check(not s.find_all('[data-testid="deadline"] [role="alert"]'), "the deadline shows an error")
    s.js("arguments[0].scrollIntoView({block: 'center'})", ref(text))


@step("preview-saved", "the preview shows the typed text and the status reads “Đã lưu”")
def preview_saved(s):
    wait(lambda: TYPED in squash(preview_text(s)), 20, f"the preview to show {TYPED!r}")
    wait(lambda: save_state(s) == ["saved", "Đã lưu"], 20, "the save status “Đã lưu”")
    # Show the paragraph in the form and the preview side by side.
    s.js(
        """const t = arguments[0];
        const para = [...document.querySelectorAll('[data-testid="paragraph"]')].find((e) => e.value === t);
        para && para.scrollIntoView({block: 'center'});
        const texts = [...document.querySelectorAll('[data-testid="preview"] svg text')];
        const hit = texts.find((e) => e.textContent.includes('Lồng ghép'));
        hit && hit.scrollIntoView({block: 'center'});""",
        TYPED,
    )
    time.sleep(0.3)


def export_and_wait(s, fmt):
    s.click(s.tid(f"export-{fmt}"))
    sel = f'[data-testid="export-notice"][data-format="{fmt}"]'
    wait(lambda: s.find_all(sel) or s.js("return [...document.querySelectorAll('[data-testid=\"toast\"]')].filter((t) => t.classList.contains('error')).map((t) => t.textContent).join(' | ')"), 30, f"the {fmt} export notice")
    errors = s.js("return [...document.querySelectorAll('[data-testid=\"toast\"]')].filter((t) => t.classList.contains('error')).map((t) => t.textContent.trim())")
    check(not errors, f"exporting {fmt} failed in the app: {errors}")
    path = s.text(s.tid("export-path")).strip()
    check(os.path.dirname(path) == EXPORT_DIR.rstrip("/"), f"the {fmt} file went to {path}, not into {EXPORT_DIR}")
    name = os.path.basename(path)
    check(re.fullmatch(r"[A-Za-z0-9_.-]+", name) and name.endswith("." + fmt), f"the file name {name!r} is not a plain ASCII .{fmt} name")
    check("TanLap" in name, f"the file name {name!r} does not name the commune")
    check(os.path.isfile(path) and os.path.getsize(path) > 0, f"{path} was not written")
    return path


@step("export-pdf", "export PDF into TRE_EXPORT_DIR, no dialog; pdftotext reads the text back")
def export_pdf(s):
    path = export_and_wait(s, "pdf")
    state["pdf"] = path
    with open(path, "rb") as f:
        check(f.read(5) == b"%PDF-", f"{path} is not a PDF")
    r = run(["pdftotext", "-enc", "UTF-8", path, "-"])
    check(r.returncode == 0, f"pdftotext failed: {r.stderr}")
    text = squash(r.stdout)
    if TYPED not in text and TYPED in nfc(text):
        print("     note: the PDF's text is not NFC (it matches only after normalising)")
    check(TYPED in nfc(text), f"the PDF does not contain {TYPED!r}")
    check(COMMUNE in nfc(text) or COMMUNE.upper() in nfc(text), f"the PDF does not contain {COMMUNE!r}")
    # Page 1 as a picture, beside the screenshots.
    stem = os.path.join(ARTIFACTS, f"{state['step']:02d}-export-pdf-page1")
    run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, stem])
    check(os.path.isfile(stem + ".png"), "pdftoppm did not render page 1")


@step("export-docx", "export Word into TRE_EXPORT_DIR; the DOCX holds the text")
def export_docx(s):
    path = export_and_wait(s, "docx")
    state["docx"] = path
    check(zipfile.is_zipfile(path), f"{path} is not a ZIP (DOCX) file")
    with zipfile.ZipFile(path) as z:
        names = z.namelist()
        check("word/document.xml" in names, f"{path} has no word/document.xml: {names}")
        xml = z.read("word/document.xml").decode("utf-8")
    # Runs may split the sentence; the text of all w:t elements, joined, must hold it.
    runs = "".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", xml))
    check(TYPED in xml or TYPED in runs, f"word/document.xml does not contain {TYPED!r}")
    check(COMMUNE in runs or COMMUNE.upper() in runs, f"word/document.xml does not contain {COMMUNE!r}")


@step("reopened", "close the app, start it again: the plan, the text and the deadline are there")
def reopen(s):
    state["session"].close()
    state["session"] = None
    wait(lambda: not app_running(), 20, "the app to exit")
    start_app()
    s = state["session"]
    items = wait(lambda: s.find_all('[data-testid="plan-item"]'), 30, "the plan list")
    check(len(items) == 1, f"expected one plan in the list, found {len(items)}")
    check("xã phù hợp với trẻ em" in s.text(items[0]).lower() or s.text(items[0]).strip(), "the plan item is empty")
    side = s.js("const a = document.querySelector('aside.side'); return a ? a.textContent : ''")
    check(DEADLINE_TEXT in squash(side), f"the home page's deadlines do not list {DEADLINE_TEXT!r}")
    shot("home-after-restart")
    s.click(s.tid("plan-open"))
    s.tid("section-title", timeout=20)
    paras = wait(lambda: s.js("return [...document.querySelectorAll('[data-testid=\"paragraph\"]')].map((e) => e.value)"), 15, "the paragraphs")
    check(TYPED in paras, f"the typed paragraph is gone after the restart: {paras[:6]}")
    dates = s.js("return [...document.querySelectorAll('[data-testid=\"deadline-date\"]')].map((e) => e.value)")
    texts = s.js("return [...document.querySelectorAll('[data-testid=\"deadline-text\"]')].map((e) => e.value)")
    units = s.js("return [...document.querySelectorAll('[data-testid=\"deadline-unit\"]')].map((e) => e.value)")
    check(f"10/11/{state['year']}" in dates, f"the deadline date is gone: {dates}")
    i = texts.index(DEADLINE_TEXT) if DEADLINE_TEXT in texts else -1
    check(i >= 0, f"the deadline text is gone: {texts}")
    check(dates[i] == f"10/11/{state['year']}" and units[i] == state["unit"], f"the deadline row reads {dates[i]!r}, {units[i]!r}")
    wait(lambda: TYPED in squash(preview_text(s)), 20, "the preview to show the typed text again")
    check(save_state(s) == ["saved", "Đã lưu"] or save_state(s)[0] in ("idle", "saved"), f"opening changed the save state: {save_state(s)}")
    s.js("[...document.querySelectorAll('[data-testid=\"deadline-text\"]')].pop().scrollIntoView({block: 'center'})")


@step("cli", "the CLI reads the same database: the plan has the text and the deadline")
def cli(s):
    r = run([CLI, "--db", DB, "plan", "list", "--json"])
    check(r.returncode == 0, f"tre plan list failed: {r.stderr.strip()}")
    plans = json.loads(r.stdout)
    check(len(plans) == 1, f"the CLI lists {len(plans)} plans")
    pid = plans[0]["id"]
    if state["plan_id"] is not None:
        check(pid == state["plan_id"], f"the CLI's plan id {pid} is not the app's {state['plan_id']}")
    r = run([CLI, "--db", DB, "plan", "show", str(pid), "--json"])
    check(r.returncode == 0, f"tre plan show failed: {r.stderr.strip()}")
    plan = json.loads(r.stdout)

    def paragraphs(sections):
        for sec in sections:
            yield from sec.get("paragraphs", [])
            yield from paragraphs(sec.get("children", []))

    check(TYPED in list(paragraphs(plan["sections"])), "the CLI does not see the typed paragraph")
    want = {"date": f"{state['year']}-11-10", "text": DEADLINE_TEXT, "unit": state["unit"]}
    found = [d for d in plan["deadlines"] if d.get("text") == DEADLINE_TEXT]
    check(found, f"the CLI does not see the deadline: {plan['deadlines']}")
    got = {k: found[0].get(k) for k in want}
    check(got == want, f"the CLI's deadline is {got}, expected {want}")
    r = run([CLI, "--db", DB, "commune", "show", "--json"])
    check(r.returncode == 0 and json.loads(r.stdout)["name"] == COMMUNE, "the CLI does not see the commune")


STEPS = [setup, new_plan, type_text, deadline, preview_saved, export_pdf, export_docx, reopen, cli]


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


def main():
    os.makedirs(ARTIFACTS, exist_ok=True)
    t0 = time.monotonic()
    failed = 0
    try:
        start_app()
        for fn in STEPS:
            fn()
    except Exception as e:  # noqa: BLE001 - any failure ends the run with a message
        failed = 1
        print(f"FAIL {state['step']:02d} {state['name']}: {e}", flush=True)
        if not isinstance(e, (Failure, WebDriverError)):
            traceback.print_exc()
        if state["session"]:
            try:
                path = os.path.join(ARTIFACTS, f"{state['step']:02d}-FAILED-{state['name']}.png")
                state["session"].screenshot(path)
                print(f"     last screenshot: {path}")
                html = state["session"].js("return document.body.outerHTML")
                with open(os.path.join(ARTIFACTS, "FAILED-page.html"), "w", encoding="utf-8") as f:
                    f.write(html)
            except Exception as e2:  # noqa: BLE001
                print(f"     (no screenshot: {e2})")
    finally:
        if state["session"]:
            state["session"].close()
    if state["retries"]:
        print(f"     requests sent again after tauri-driver dropped them: {state['retries']}")
    print(f"     screenshots in {ARTIFACTS} ({time.monotonic() - t0:.1f} s)")
    print(f"E2E: {state['passed']} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
