#!/usr/bin/env python3
"""End-to-end test of the real Tre app, driven as the officer would use it.

tests/e2e/run.sh starts Xvfb and tauri-driver and then runs this file; run it by hand with the
same environment (see run.sh). Python 3 standard library only: the W3C WebDriver protocol is a
few JSON requests (driver.py). Every step saves a screenshot in $E2E_ARTIFACTS
(target/e2e-artifacts). The plan steps are here; importing an existing plan (importing.py)
follows on the same database; then, on the demo database, the self-assessment steps
(assessment.py), the register, dossier and outbox steps (register.py), and last backups and
restore (restore.py: a copy off the laptop, a damaged file restored in one click, a new
laptop restored from the USB copy), and the deadline reminder (reminders.py: the desktop
notification at start, once a day). From the first launch to the first printed plan, the
interactions are counted (driver.py) and held to FIRST_PLAN_BUDGET.

Environment (all set by run.sh):
  TRE_APP         the built app (target/debug/tre-app, built with --features custom-protocol)
  TRE_CLI         the CLI (target/debug/tre), to read the same database back
  TRE_DB          the database file, in a fresh temp dir
  TRE_EXPORT_DIR  where "Xuất PDF" / "Xuất Word" write
  WEBDRIVER_URL   tauri-driver, e.g. http://127.0.0.1:4444
  E2E_ARTIFACTS   where the screenshots go
  E2E_NOTIFICATIONS  what the test's notification server was sent (dbus-monitor's log)
"""

import json
import os
import re
import sys
import time
import traceback
import zipfile

from driver import (
    ARTIFACTS,
    CLI,
    DB,
    EXPORT_DIR,
    KEY_TAB,
    Failure,
    WebDriverError,
    app_running,
    check,
    element_id,
    interactions,
    nfc,
    ref,
    run,
    shot,
    squash,
    start_app,
    state,
    step,
    wait,
)
from assessment import STEPS as ASSESSMENT_STEPS
from importing import STEPS as IMPORT_STEPS
from register import STEPS as REGISTER_STEPS
from reminders import STEPS as REMINDER_STEPS
from restore import STEPS as RESTORE_STEPS

COMMUNE = "Tân Lập"
PROVINCE = "Tuyên Quang"
CHAIR = "Nguyễn Hữu An"
VICE_CHAIR = "Đỗ Minh Khoa"
TYPED = "Lồng ghép các hoạt động vui chơi cho trẻ em"
DEADLINE_TEXT = "Gửi báo cáo kết quả các hoạt động vui chơi cho trẻ em về Ủy ban nhân dân xã"

state.update({"plan_id": None, "year": None, "pdf": None, "docx": None})

# From the first launch to a printed plan, at most this many interactions (clicks, fields
# typed, key chords; driver.py counts them) and no help text to read (issue 14).
FIRST_PLAN_BUDGET = 10


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
    m = re.search(r"#/ke-hoach/(\d+)", s.js("return location.hash") or "")
    check(m, f"the editor's address {s.js('return location.hash')!r} names no plan")
    state["plan_id"] = int(m.group(1))
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
    state["deadline_text"] = DEADLINE_TEXT
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
    # The notice of an earlier export goes first, so the one waited for is this export's.
    for close in s.find_all('[data-testid="export-notice-close"]'):
        s.click(close)
        wait(lambda: not s.find_all('[data-testid="export-notice"]'), 5, "the earlier export notice to close")
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


@step("first-pdf", f"first launch to a printed plan: “Xuất PDF” on the new plan, within {FIRST_PLAN_BUDGET} interactions")
def first_pdf(s):
    path = export_and_wait(s, "pdf")
    with open(path, "rb") as f:
        check(f.read(5) == b"%PDF-", f"{path} is not a PDF")
    r = run(["pdftotext", "-enc", "UTF-8", path, "-"])
    check(r.returncode == 0, f"pdftotext failed: {r.stderr}")
    text = nfc(squash(r.stdout))
    check((COMMUNE in text or COMMUNE.upper() in text) and str(state["year"]) in text, f"the first PDF does not name {COMMUNE!r} and {state['year']}")
    n, by = interactions()
    print(f"     first launch to a printed plan: {n} interactions ({by['click']} clicks, {by['field']} fields typed, {by['key']} key chords)", flush=True)
    check(n <= FIRST_PLAN_BUDGET, f"the first printed plan took {n} interactions ({by}), more than {FIRST_PLAN_BUDGET}")


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
    # The shell opens only what Tre wrote (src-tauri/src/opening.rs): any other path is refused
    # with a Vietnamese message, whatever the page asks.
    refused = s.js("return window.__TAURI_INTERNALS__.invoke('open_written', {path: '/etc/passwd'}).then(() => null, (e) => e)")
    check(refused and refused.get("code") == "not-written" and "Tre chỉ mở" in refused.get("message", ""), f"opening /etc/passwd answered {refused!r}")


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
    # The home page shows the three most urgent items; since the assessment's steps joined the
    # year's deadlines, the plan's own deadline may sit under "và … việc khác". The full list
    # (what "Xem tất cả thời hạn" shows) comes from `tre deadlines`, read on the same file.
    check("Thời hạn năm" in side, "the home page shows no deadlines")
    r = run([CLI, "--db", DB, "deadlines", "--year", str(state["year"]), "--json"])
    check(r.returncode == 0, f"tre deadlines failed: {r.stderr.strip()}")
    listed = " ".join(squash(d["text"]) for d in json.loads(r.stdout))
    check(DEADLINE_TEXT in listed or DEADLINE_TEXT in squash(side), f"the year's deadlines do not list {DEADLINE_TEXT!r}")
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


STEPS = [setup, new_plan, first_pdf, type_text, deadline, preview_saved, export_pdf, export_docx, reopen, cli] + IMPORT_STEPS + ASSESSMENT_STEPS + REGISTER_STEPS + RESTORE_STEPS + REMINDER_STEPS


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
