"""End-to-end steps of the "Tự đánh giá" page (run by app.py after the plan steps).

They switch the app to the demo database (xã Minh Hòa, loaded by the CLI), enter figures as the
officer would (a count with hand points, a rate), try an impossible rate, and compare every
number and reason on the page with what `tre assess show --json` computes from the same file.
"""

import json
import os
import zipfile

from driver import (
    CLI,
    DB,
    EXPORT_DIR,
    KEY_ENTER,
    KEY_TAB,
    app_running,
    check,
    ref,
    run,
    start_app,
    state,
    step,
    wait,
)

REASON = "Theo hướng dẫn chấm điểm của Sở Y tế tỉnh Phú Thọ"
OFFICER = "Cán bộ Văn hóa - Xã hội"
UNCONFIRMED = "Danh mục chưa có thang điểm — nhập điểm theo hướng dẫn của tỉnh"


def fmt_points(p):
    """catalog::fmt_points: 50 → "50", 12.5 → "12,5"."""
    return str(int(p)) if float(p).is_integer() else f"{p:.1f}".replace(".", ",")


def cli_overview():
    r = run([CLI, "--db", DB, "assess", "show", "--year", str(state["year"]), "--json"])
    check(r.returncode == 0, f"tre assess show failed: {r.stderr.strip()}")
    return json.loads(r.stdout)


def item_of(ov, code):
    return next(i for c in ov["criteria"] for i in c["items"] if i["code"] == code)


def expected_state(c):
    return "met" if c["met"] else "not-met" if c["complete"] else "incomplete"


def page(s):
    """What the page shows: total, verdict title and reasons, each criterion, units owing."""
    return s.js(
        """const q = (sel) => document.querySelector(sel);
        const text = (sel) => (q(sel) ? q(sel).textContent.trim() : null);
        return {
          total: text('[data-testid="verdict-total"]'),
          title: text('[data-testid="verdict-title"]'),
          reasons: [...document.querySelectorAll('[data-testid="verdict-reasons"] li')].map((li) => li.textContent.trim()),
          criteria: Object.fromEntries([...document.querySelectorAll('li[data-testid^="criterion-"]')].map((e) => [
            e.dataset.testid.slice('criterion-'.length),
            [e.dataset.state, e.querySelector('[data-testid="criterion-points"]').textContent.trim()],
          ])),
          owing: [...document.querySelectorAll('[data-testid="unit-owing"] strong')].map((e) => e.textContent.trim()),
          late: !!q('[data-testid="units-late"]'),
        };"""
    )


def open_criterion(s, code):
    li = f'li[data-testid="criterion-{code}"]'
    if not s.find_all(f"{li} .items"):
        s.click(s.find(f'{li} [data-testid="criterion-toggle"]'))
    return s.find(f"{li} .items", timeout=10)


def field(s, code, testid):
    return s.find(f'[data-testid="item-{code}"] [data-testid="{testid}"]', timeout=10)


def item_attr(s, code, script):
    return s.js(f"const i = document.querySelector('[data-testid=\"item-{code}\"]'); return i ? {script} : null")


def wait_saved(s, code, what):
    wait(lambda: item_attr(s, code, "i.querySelector('[data-testid=\"item-status\"]').dataset.state") == "saved", 15, what)


@step("demo-db", "switch to the demo database: the CLI loads xã Minh Hòa, the app starts on it")
def demo_db(s):
    state["session"].close()
    state["session"] = None
    wait(lambda: not app_running(), 20, "the app to exit")
    # Keep the first part's database beside, for E2E_KEEP=1.
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(DB + suffix):
            os.replace(DB + suffix, f"{DB}.plans{suffix}")
    r = run([CLI, "--db", DB, "demo", "--year", str(state["year"])])
    check(r.returncode == 0, f"tre demo failed: {r.stderr.strip()}")
    start_app()
    s = state["session"]
    wait(lambda: len(s.find_all('[data-testid="plan-item"]')) == 4, 30, "the demo's four plans")
    summary = s.find('[data-testid="assessment-summary"]', timeout=15)
    ov = cli_overview()
    check(f"{fmt_points(ov['total'])} / " in s.text(summary), f"the home page's assessment summary reads {s.text(summary)!r}")


@step("assessment-open", "Tự đánh giá: criteria, points, verdict with reasons and late units, as the CLI computes them")
def assessment_open(s):
    s.click(s.tid("nav-assessment"))
    wait(lambda: len(s.find_all('li[data-testid^="criterion-"]')) == 13, 20, "the 13 criteria")
    ov = cli_overview()
    state["ov0"] = ov
    p = page(s)
    check(p["total"] == fmt_points(ov["total"]), f"the page's total {p['total']!r} is not the CLI's {ov['total']}")
    check(p["reasons"] == ov["verdict"]["reasons"], f"the page's reasons {p['reasons']} are not the CLI's {ov['verdict']['reasons']}")
    check(not ov["verdict"]["complete"] and p["title"] == "Chưa đủ số liệu để kết luận", f"the verdict reads {p['title']!r}")
    for c in ov["criteria"]:
        want = expected_state(c)
        check(p["criteria"][c["code"]][0] == want, f"criterion {c['code']} shows {p['criteria'][c['code']]}, the CLI says {want}")
    owing = [u["unit"] for u in ov["units"] if u["missing"]]
    check(owing and p["owing"] == owing, f"the page lists {p['owing']} as owing figures, the CLI {owing}")
    check(p["late"] == ov["units_late"], f"the page's overdue mark is {p['late']}, the CLI's units_late {ov['units_late']}")
    check(s.find_all('[data-testid="catalog-note"]'), "the page does not say that the catalogue lacks points for some items")


@step("assessment-hand-points", "3.1: count 0 with hand points and a reason; criterion 3 is met, total and reasons change")
def assessment_hand_points(s):
    ov0 = state["ov0"]
    open_criterion(s, "3")
    notice = field(s, "3.1", "unconfirmed-notice")
    check(s.text(notice).strip() == UNCONFIRMED, f"item 3.1 says {s.text(notice)!r} about its points")
    s.type(field(s, "3.1", "value-count"), "0" + KEY_TAB)
    wait_saved(s, "3.1", "3.1's count to be saved")
    wait(lambda: item_attr(s, "3.1", "i.dataset.source") == "needs_points", 10, "3.1 to ask for points")
    s.type(field(s, "3.1", "points"), "40")
    s.type(field(s, "3.1", "reason"), REASON + KEY_ENTER)
    wait(lambda: page(s)["criteria"]["3"] == ["met", "40 điểm"], 15, "criterion 3 to be met with 40 points")
    p = page(s)
    check(p["total"] == fmt_points(ov0["total"] + 40), f"the total reads {p['total']}, expected {ov0['total'] + 40}")
    check(not any(r.startswith("Tiêu chí 3 ") for r in p["reasons"]), f"the reasons still name criterion 3: {p['reasons']}")
    check(any(r.startswith("Tiêu chí 3 ") for r in ov0["verdict"]["reasons"]), "criterion 3 was not among the reasons before")
    check(p["reasons"] == cli_overview()["verdict"]["reasons"], "the page's reasons are not the CLI's after the change")
    s.js("document.querySelector('[data-testid=\"item-3.1\"]').scrollIntoView({block: 'center'})")


@step("assessment-rate", "10.1: the live percentage while typing; saved with points, the kindergarten owes nothing")
def assessment_rate(s):
    ov0 = state["ov0"]
    open_criterion(s, "10")
    s.type(field(s, "10.1", "rate-numerator"), "180")
    den = field(s, "10.1", "rate-denominator")
    s.type(den, "185")
    wait(lambda: s.text(field(s, "10.1", "rate-percent")).strip() == "= 97,3 %", 5, "the live percentage 97,3 %")
    s.type(den, KEY_TAB)
    wait(lambda: item_attr(s, "10.1", "i.dataset.source") == "needs_points", 15, "10.1 to be saved and ask for points")
    kindergarten = next(u["unit"] for u in ov0["units"] if "10.1" in u["missing"])
    check(kindergarten not in page(s)["owing"], f"{kindergarten} is still listed as owing figures")
    s.type(field(s, "10.1", "points"), "30")
    s.type(field(s, "10.1", "reason"), REASON + KEY_ENTER)
    wait(lambda: page(s)["criteria"]["10"] == ["met", "30 điểm"], 15, "criterion 10 to be met with 30 points")
    check(page(s)["total"] == fmt_points(ov0["total"] + 70), f"the total reads {page(s)['total']}")


@step("assessment-refused", "7.1: 416/415 is refused with a Vietnamese message next to the field; nothing is saved")
def assessment_refused(s):
    before = cli_overview()
    open_criterion(s, "7")
    num = field(s, "7.1", "rate-numerator")
    s.replace_text(num, "416" + KEY_TAB)
    err = field(s, "7.1", "error-value")
    msg = s.text(err).strip()
    check("7.1" in msg and "trên 100 %" in msg and "Số đạt không được lớn hơn tổng số" in msg, f"the error reads {msg!r}")
    check("trên 100 %" in s.text(field(s, "7.1", "rate-percent")), "the live percentage does not flag 100,24 %")
    check(s.js("return arguments[0].getAttribute('aria-invalid')", ref(num)) == "true", "the numerator is not marked invalid")
    p = page(s)
    check(p["criteria"]["7"] == ["met", "50 / 50 điểm"], f"criterion 7 changed: {p['criteria']['7']}")
    after = cli_overview()
    check(after["assessment"] == before["assessment"], "the refused value changed the stored assessment")
    check(item_of(after, "7.1")["value"] == {"numerator": 412, "denominator": 415}, f"7.1 reads {item_of(after, '7.1')['value']}")
    check(p["total"] == fmt_points(after["total"]), f"the page's total {p['total']} is not the CLI's {after['total']}")
    # The picture kept as docs/screenshots/app-assessment.png: 3.1 with its hand points, the
    # refused 7.1 and the verdict panel.
    s.js("document.querySelector('li[data-testid=\"criterion-3\"]').scrollIntoView({block: 'start'})")


@step("assessment-cli", "the CLI reads what the page saved: figures, hand points, reasons, who entered them")
def assessment_cli(s):
    ov = cli_overview()
    i31, i101 = item_of(ov, "3.1"), item_of(ov, "10.1")
    got = (i31["value"], i31["points"], i31["source"], i31["reason"], i31["by"])
    check(got == (0, 40, "manual", REASON, OFFICER), f"3.1 reads {got}")
    got = (i101["value"], i101["points"], i101["reason"], i101["by"])
    check(got == ({"numerator": 180, "denominator": 185}, 30, REASON, OFFICER), f"10.1 reads {got}")
    check(ov["total"] == state["ov0"]["total"] + 70, f"the CLI's total is {ov['total']}")
    p = page(s)
    check(p["reasons"] == ov["verdict"]["reasons"] and p["total"] == fmt_points(ov["total"]), "the page and the CLI disagree")
    s.js("document.querySelector('[data-testid=\"criteria\"]').closest('.page').scrollIntoView({block: 'start'})")


@step("assessment-dossier", "Tạo hồ sơ gửi: refused while signed copies are missing, then sent as drafts: the ZIP and its e-mail draft land in the export folder and verify intact")
def assessment_dossier(s):
    s.js("window.scrollTo(0, 0)")
    s.click(s.find('[data-testid="dossier-build"]'))
    s.find('[data-testid="dossier-options"]', timeout=10)
    check(s.js("return document.querySelector('[data-testid=\"dossier-max-mb\"]').value") == "20", "the e-mail limit is not 20 MB by default")
    s.click(s.find('[data-testid="dossier-go"]'))
    refusal = s.text(s.find('[data-testid="export-refusal"]', timeout=90))
    check("Chưa có bản ký của" in refusal and "Kế hoạch số 15/KH-UBND" in refusal, f"the refusal reads {refusal!r}")
    s.click(s.find('[data-testid="dossier-send-drafts"]'))
    notice = s.find('[data-testid="dossier-notice"]', timeout=90)
    zip_path = s.js("return arguments[0].getAttribute('data-zip')", ref(notice))
    eml_path = s.js("return arguments[0].getAttribute('data-eml')", ref(notice))
    same = os.path.realpath(os.path.dirname(zip_path)) == os.path.realpath(EXPORT_DIR)
    check(same, f"the ZIP went to {zip_path}, not {EXPORT_DIR}")
    check(os.path.isfile(zip_path) and os.path.isfile(eml_path), f"missing {zip_path} or {eml_path}")
    r = run([CLI, "dossier", "verify", zip_path])
    check(r.returncode == 0 and "Hồ sơ nguyên vẹn" in r.stdout, f"verify: {r.stdout.strip()} {r.stderr.strip()}")
    names = zipfile.ZipFile(zip_path).namelist()
    for part in ("_BC-", "_BB-", "_TB-", "_PL-", "_KH-"):
        check(any(part in n for n in names), f"no {part} file in {names}")
    check(any(n.endswith(".xlsx") for n in names), f"no score table XLSX in {names}")
    # The demo's verdict is provisional: the page says the proposal is missing and why.
    warnings = s.text(s.find('[data-testid="dossier-warnings"]'))
    check("Tờ trình" in warnings and "dự thảo" in warnings, f"the warnings read {warnings!r}")
    manifest = json.loads(zipfile.ZipFile(zip_path).read("manifest.json"))
    states = {f["state"] for f in manifest["files"]}
    check(states == {"draft", "data"}, f"the manifest's states are {states}")


def export_one(s, kind, fmt):
    """Chooses one document of the export menu; answers the notice's path or the refusal."""
    s.js("window.scrollTo(0, 0)")
    last = s.js("const n = document.querySelector('[data-testid=\"assessment-export-notice\"]'); return n ? n.dataset.path : null")
    s.click(s.find('[data-testid="export-menu"]'))
    s.click(s.find(f'[data-testid="export-{kind}-{fmt}"]', timeout=10))

    def done():
        # The notice of the previous export may still be on screen for a moment.
        fresh = [n for n in s.find_all('[data-testid="assessment-export-notice"]') if s.js("return arguments[0].dataset.path", ref(n)) != last]
        return fresh or s.find_all('[data-testid="export-refusal"]')

    found = wait(done, 60, f"the {kind} {fmt} export to finish")
    if s.js("return arguments[0].dataset.testid", ref(found[0])) == "export-refusal":
        return None, s.text(found[0]).strip()
    return s.js("return arguments[0].getAttribute('data-path')", ref(found[0])), None


@step("assessment-export", "Xuất văn bản: the report as PDF and the score table as XLSX; the proposal is refused with the reasons")
def assessment_export(s):
    path, refused = export_one(s, "report", "pdf")
    check(path and not refused, f"the report was refused: {refused}")
    check(os.path.realpath(os.path.dirname(path)) == os.path.realpath(EXPORT_DIR), f"the report went to {path}")
    r = run(["pdftotext", "-enc", "UTF-8", path, "-"])
    text = " ".join(r.stdout.split())
    check(r.returncode == 0 and "BÁO CÁO" in text and "Minh Hòa" in text.replace("MINH HÒA", "Minh Hòa"), f"the report's text: {text[:200]!r}")
    path, refused = export_one(s, "assessment", "xlsx")
    check(path and path.endswith(".xlsx") and zipfile.is_zipfile(path), f"the score table: {path} {refused}")
    check("xl/workbook.xml" in zipfile.ZipFile(path).namelist(), f"{path} is not a workbook")
    before = set(os.listdir(EXPORT_DIR))
    path, refused = export_one(s, "proposal", "pdf")
    r = run([CLI, "--db", DB, "export", "proposal", "--year", str(state["year"]), "--format", "pdf", "--out", os.path.join(EXPORT_DIR, "x.pdf")])
    check(path is None and refused and r.returncode != 0, f"the proposal was not refused: {path}")
    # The core's message, as the CLI prints it, up to its first reason.
    cli_message = r.stderr.strip().removeprefix("Lỗi: ").split(";")[0]
    check(cli_message in refused, f"the page's refusal {refused!r} does not say the core's {cli_message!r}")
    check(set(os.listdir(EXPORT_DIR)) == before, "a refused proposal left a file behind")


STEPS = [demo_db, assessment_open, assessment_hand_points, assessment_rate, assessment_refused, assessment_cli, assessment_export, assessment_dossier]
