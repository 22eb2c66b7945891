"""End-to-end steps of bringing an existing plan in (run by app.py after the plan steps, on the
same database: xã Tân Lập, Tuyên Quang).

The officer imports a neighbouring commune's plan (seed 001, xã Quan Sơn), reads the findings
panel, clicks each finding and lands on the field it names, mends two of them, then copies the
plan to the next year and opens the copy with its findings. Last, the Word file Tre exported
earlier (step 07) comes back in as the same plan. Every list the page shows is
compared with what `tre check --plan` computes from the same file.

Only the system "Open" dialog is answered by the test (a GTK window outside the page, which
WebDriver cannot reach): `window.__TRE_E2E_OPEN__` is the path it returns, once.
"""

import json
import os
import re
import time

from driver import CLI, DB, KEY_TAB, check, element_id, nfc, run, shot, squash, state, step, wait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SEED = os.path.join(ROOT, "tests", "fixtures", "seeds", "001_1530d5c4b8cd801b.txt")
SEED_YEAR = 2026
MISSPELT, MENDED = "Lòng ghép", "Lồng ghép"
OWN_PLACE = "Tân Lập"

state.update({"imported": None})


def cli_json(*args):
    r = run([CLI, "--db", DB, *args, "--json"])
    return r, (json.loads(r.stdout) if r.stdout.strip() else None)


def cli_findings(pid):
    # `check` exits 1 when a finding is an error; its JSON is printed either way.
    r, found = cli_json("check", "--plan", str(pid))
    check(r.returncode in (0, 1) and found is not None, f"tre check --plan {pid} failed: {r.stderr.strip()}")
    return found


def plan_ids():
    r, plans = cli_json("plan", "list")
    check(r.returncode == 0, f"tre plan list failed: {r.stderr.strip()}")
    return {p["id"] for p in plans}


def cli_plan(pid):
    r, plan = cli_json("plan", "show", str(pid))
    check(r.returncode == 0, f"tre plan show {pid} failed: {r.stderr.strip()}")
    return plan


def panel(s):
    """The findings panel as shown: code, severity and the “as written” excerpt of each."""
    return s.js(
        """return [...document.querySelectorAll('[data-testid="finding"]')].map((b) => ({
          code: b.dataset.code,
          severity: b.dataset.severity,
          excerpt: (b.querySelector('.was') || {}).textContent || '',
          message: b.querySelector('.msg').textContent.trim(),
        }));"""
    )


def open_panel(s):
    """Unfolds the findings bar at the bottom of the form when it is folded."""
    head = s.find('[data-testid="findings-panel"] > button.head')
    if s.cmd("GET", f"/element/{head}/attribute/aria-expanded") != "true":
        s.click(head)


def same_findings(s, pid):
    """Waits until the panel lists what the CLI finds in the saved plan, in the same order."""
    open_panel(s)
    seen = {}

    def agree():
        # Both sides are read again each time: an autosave may still be on its way.
        seen["cli"] = [(f["code"], f["severity"], f.get("excerpt", "")) for f in cli_findings(pid)]
        seen["page"] = [(f["code"], f["severity"], f["excerpt"]) for f in panel(s)]
        return seen["cli"] == seen["page"]

    try:
        wait(agree, 20, "the findings panel to list what `tre check --plan` finds")
    except Exception:
        print(f"     CLI:  {seen.get('cli')}\n     page: {seen.get('page')}")
        raise
    return seen["cli"]


def paragraphs(sections):
    for sec in sections:
        yield from sec.get("paragraphs", [])
        yield from paragraphs(sec.get("children", []))


def open_plan_id(s):
    m = re.search(r"#/ke-hoach/(\d+)", s.js("return location.hash") or "")
    return int(m.group(1)) if m else None


def saved(s):
    wait(lambda: s.js("const e = document.querySelector('[data-testid=\"save-status\"]'); return e && e.dataset.state === 'saved'"), 20, "the save status “Đã lưu”")


def toasts(s):
    return s.js("return [...document.querySelectorAll('[data-testid=\"toast\"] .text')].map((t) => t.textContent.trim())")


def choose_in_dialog(s, path):
    """"Nhập kế hoạch có sẵn…" with `path` as the file the system dialog answers."""
    s.js("window.__TRE_E2E_OPEN__ = arguments[0]", path)
    s.click(s.tid("import-plan", timeout=15))


def imported_plan_opens(s, before, what):
    """Waits for the editor to open a plan that was not among `before`; answers its id."""

    def opened_new():
        pid = open_plan_id(s)
        return pid if pid and pid not in before else None

    return wait(opened_new, 30, f"{what} to open")


@step("import-plan", "home: “Nhập kế hoạch có sẵn…” reads another commune's plan and opens it with its findings")
def import_plan(s):
    s.click(s.tid("nav-plans"))
    before = plan_ids()
    # First a file that is no plan at all: a Vietnamese message, nothing saved, still home.
    junk = os.path.join(os.path.dirname(DB), "anh-chup.docx")
    with open(junk, "wb") as f:
        f.write(bytes(range(256)) * 64)
    choose_in_dialog(s, junk)
    error = wait(lambda: s.js("return [...document.querySelectorAll('[data-testid=\"toast\"].error .text')].map((t) => t.textContent.trim())"), 15, "the error toast for a file that is no plan")
    check(any("anh-chup.docx" in e or "Word" in e for e in error), f"the error toast reads {error}")
    check(plan_ids() == before and not open_plan_id(s), "a file that is no plan was saved or opened")
    shot("import-refused")
    choose_in_dialog(s, SEED)
    pid = imported_plan_opens(s, before, "the imported plan")
    check(plan_ids() == before | {pid}, f"the CLI does not list the imported plan {pid}")
    state["imported"] = pid
    plan = cli_plan(pid)
    check(plan["place"] == "Quan Sơn" and plan["date"] == {"day": None, "month": 4, "year": SEED_YEAR}, f"place and date read {plan['place']!r}, {plan['date']}")
    check(plan["title"].startswith("Thực hiện Quyết định số 06/QĐ-TTg ngày 03/01/2019"), f"the subject reads {plan['title'][:80]!r}")
    check(plan["signer"] == {"titles": ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "name": "Hoàng Đức Bình"}, f"the signer reads {plan['signer']}")
    check(len(plan["recipients"]) == 8 and plan["recipients"][-1].startswith("Lưu"), f"the recipients read {plan['recipients']}")
    check(all(d["date"].startswith(f"{SEED_YEAR}-") for d in plan["deadlines"]) and plan["deadlines"], f"the deadlines read {plan['deadlines']}")
    # The editor shows what was imported.
    wait(lambda: s.value(s.tid("plan-place")) == "Quan Sơn", 15, "the place field to read Quan Sơn")
    titles = s.js("return [...document.querySelectorAll('[data-testid=\"section-title\"]')].map((e) => e.value)")
    check(len(titles) >= 3, f"the imported sections are missing: {titles}")
    # The plan has errors: the findings bar opens by itself.
    head = s.find('[data-testid="findings-panel"] > button.head')
    wait(lambda: s.cmd("GET", f"/element/{head}/attribute/aria-expanded") == "true", 15, "the findings bar to open by itself")
    want = same_findings(s, pid)
    codes = [c for c, _, _ in want]
    for code in ["foreign-place", "foreign-commune", "word-spelling", "word-abbreviation", "signer-not-leader"]:
        check(code in codes, f"the findings miss {code}: {codes}")
    n = len(want)
    note = wait(lambda: [t for t in toasts(s) if t.startswith("Đã nhập kế hoạch")], 10, "the import toast")
    check(note[0] == f"Đã nhập kế hoạch; có {n} chỗ cần xem lại.", f"the toast reads {note[0]!r}, the CLI finds {n}")
    check(not [t for t in toasts(s) if "anh-chup.docx" in t], "the refused file's message outlived the successful import")
    summary = s.text(s.tid("findings-summary"))
    errors = sum(1 for _, sev, _ in want if sev == "error")
    check(summary.startswith(f"{errors} lỗi"), f"the panel's summary reads {summary!r}, the CLI has {errors} errors")


def focused(s):
    """The focused field: its test id, its value and whether it is on screen."""
    return s.js(
        """const a = document.activeElement;
        if (!a || !a.matches('input, textarea, select')) return null;
        const r = a.getBoundingClientRect();
        const selected = a.matches('select') ? null : a.value.slice(a.selectionStart, a.selectionEnd);
        return {testid: a.dataset.testid || '', value: a.value, selected, visible: r.bottom > 0 && r.top < innerHeight};"""
    )


@step("finding-jump", "findings panel: each finding, clicked, focuses the field that holds its excerpt")
def finding_jump(s):
    shown = panel(s)
    for i, f in enumerate(shown):
        # A field focused by the previous click must not satisfy this one.
        s.js("document.activeElement && document.activeElement.blur()")
        s.click(s.find_all('[data-testid="finding"]')[i])
        got = wait(lambda: (lambda x: x if x and x["visible"] else None)(focused(s)), 10, f"finding {i} ({f['code']}) to focus a visible field")
        excerpt = squash(nfc(f["excerpt"]))
        check(excerpt and excerpt in squash(nfc(got["value"])), f"finding {i} ({f['code']}, “{excerpt}”) focused {got['testid']} reading {got['value'][:90]!r}")
        # A select (the signer, chosen among the leaders) has no text to select.
        check(got["selected"] is None or squash(got["selected"]) == excerpt, f"finding {i} ({f['code']}) selected {got['selected']!r}, not “{excerpt}”")
        if f["code"] == "word-spelling":
            time.sleep(0.6)  # the smooth scroll
            shot("jump-to-misspelling")
    s.click(next(b for b, f in zip(s.find_all('[data-testid="finding"]'), shown) if f["code"] == "foreign-place"))
    wait(lambda: (focused(s) or {}).get("testid") == "plan-place", 10, "the place field to get the focus")


@step("finding-fixed", "mend the misspelling and the place: their findings leave the panel, as in the CLI")
def finding_fixed(s):
    pid = state["imported"]
    before = panel(s)
    # In the outline view the paragraphs are hidden: the click shows them again.
    s.click(s.tid("toggle-outline"))
    wait(lambda: not s.find_all('[data-testid="paragraph"]'), 10, "the outline view to hide the paragraphs")
    # The click selects the misspelt words: typing the correction replaces just them.
    s.click(next(b for b, f in zip(s.find_all('[data-testid="finding"]'), before) if f["code"] == "word-spelling"))
    field = element_id(wait(lambda: s.js("const a = document.activeElement; return a && a.dataset.testid === 'paragraph' ? a : null"), 10, "the misspelt paragraph to get the focus"))
    text = s.value(field)
    check(MISSPELT in text, f"the focused paragraph does not hold {MISSPELT!r}: {text[:80]!r}")
    s.type(field, MENDED)
    check(s.value(field) == text.replace(MISSPELT, MENDED), f"typing over the selection gave {s.value(field)[:90]!r}")
    s.replace_text(s.tid("plan-place"), OWN_PLACE + KEY_TAB)
    wait(lambda: cli_plan(pid)["place"] == OWN_PLACE, 20, "the new place to be saved")
    saved(s)
    want = same_findings(s, pid)
    codes = [c for c, _, _ in want]
    check("word-spelling" not in codes and "foreign-place" not in codes, f"mended findings are still listed: {codes}")
    check(len(want) == len(before) - 2, f"{len(before)} findings became {len(want)}, expected two fewer")
    plan = cli_plan(pid)
    check(plan["place"] == OWN_PLACE, f"the CLI reads the place {plan['place']!r}")
    paras = list(paragraphs(plan["sections"]))
    check(any(MENDED in p for p in paras) and not any(MISSPELT in p for p in paras), "the CLI does not read the mended paragraph")


@step("copy-checked", "“Sao chép sang năm …”: the copy moves to the next year and opens with its findings")
def copy_checked(s):
    pid = state["imported"]
    year = SEED_YEAR + 1
    s.click(s.tid("nav-plans"))
    box = s.tid("year-input", timeout=15)
    s.replace_text(box, str(SEED_YEAR) + KEY_TAB)
    item = s.find(f'[data-testid="plan-item"][data-plan-id="{pid}"]', timeout=15)
    before = plan_ids()
    s.click(s.find_within(item, '[data-testid="plan-copy"]')[0])
    field = s.tid("copy-year", timeout=10)
    check(s.value(field) == str(year), f"the copy dialog proposes {s.value(field)!r}, not {year}")
    shot("copy-dialog")
    s.click(s.tid("copy-ok"))
    new = wait(lambda: plan_ids() - before, 20, "the copy to be saved")
    cid = new.pop()
    found = cli_findings(cid)
    n = len(found)
    note = wait(lambda: [t for t in toasts(s) if t.startswith(f"Đã sao chép sang năm {year}")], 10, "the copy toast")
    told = f" Có {n} chỗ cần xem lại" if n else ""
    check(told in note[0], f"the toast reads {note[0]!r}; the CLI finds {n}")
    s.click(s.tid("open-copy", timeout=10))
    wait(lambda: open_plan_id(s) == cid, 15, f"the copy (plan {cid}) to open")
    same_findings(s, cid)
    plan, old = cli_plan(cid), cli_plan(pid)
    check(plan["date"]["year"] == year and plan["number"] is None and plan["date"]["day"] is None, f"the copy's date reads {plan['date']}, number {plan['number']!r}")
    check(f"năm {year}" in plan["title"] and f"năm {SEED_YEAR}" not in plan["title"], f"the copy's subject reads {plan['title'][-60:]!r}")
    check("03/01/2019" in plan["title"], "the copy moved the date of Quyết định 06/QĐ-TTg")
    check(plan["references"] == old["references"], f"the cited documents changed: {plan['references']} vs {old['references']}")
    check([d["date"][5:] for d in plan["deadlines"]] == [d["date"][5:] for d in old["deadlines"]] and all(d["date"].startswith(f"{year}-") for d in plan["deadlines"]), f"the deadlines did not move to {year}: {plan['deadlines']}")
    check(plan["place"] == OWN_PLACE and plan["signer"] == old["signer"], "the copy lost the mended place or the signer")


@step("import-docx", "home: the Word file exported in step 07 imports back as the same plan")
def import_docx(s):
    s.click(s.tid("nav-plans"))
    before = plan_ids()
    choose_in_dialog(s, state["docx"])
    pid = imported_plan_opens(s, before, "the imported Word file")
    back, original = cli_plan(pid), cli_plan(state["plan_id"])
    # The deadline typed in step "deadline" is printed as a line of the plan
    # ("- Trạm Y tế …: …, trước ngày 10/11/YYYY."), so it comes back as that paragraph, once,
    # and as a deadline of that date; everything else comes back as it was.
    when = f"trước ngày 10/11/{state['year']}"
    printed = []

    def without_printed(sections):
        out = []
        for sec in sections:
            sec = dict(sec)
            keep = []
            for p in sec["paragraphs"]:
                (printed if when in p and state["deadline_text"] in p else keep).append(p)
            sec["paragraphs"] = keep
            sec["children"] = without_printed(sec["children"])
            out.append(sec)
        return out

    sections = without_printed(back["sections"])
    check(len(printed) == 1, f"the typed deadline came back {len(printed)} times as a line: {printed}")
    check(any(d["date"] == f"{state['year']}-11-10" for d in back["deadlines"]), f"the printed deadline was not read back: {back['deadlines']}")
    check(sections == original["sections"], f"sections differ after the round trip: {str(sections)[:160]!r} vs {str(original['sections'])[:160]!r}")
    for key in ["doc_type", "symbol", "place", "date", "title", "bases", "intro", "closing", "recipients", "signer"]:
        check(back[key] == original[key], f"{key} differs after the round trip: {str(back[key])[:160]!r} vs {str(original[key])[:160]!r}")
    wait(lambda: s.value(s.tid("plan-title")) == original["title"], 15, "the editor to show the imported subject")


STEPS = [import_plan, finding_jump, finding_fixed, copy_checked, import_docx]
