"""End-to-end steps of the "Văn bản" page and the dossier from signed copies (run by app.py
after the assessment steps, on the demo database).

An e-signed PDF (pyHanko from target/test-venv signs a plan the CLI printed, twice, under a
test CA made now) and two phone photos are attached in the real app, through the open
dialog's test hook (`window.__TRE_E2E_OPEN__`); the register must show the signers, and the
photos' pages must be drawn by pdf.js inside WebKitGTK. Then the other documents get their
signed copies from the CLI and the app builds the dossier from them: the ZIP must carry the
e-signed PDF byte for byte and verify.
"""

import json
import os
import subprocess
import zipfile

from driver import CLI, DB, EXPORT_DIR, check, ref, run, state, step, wait

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
PYTHON = os.environ.get("TRE_TEST_PYTHON") or os.path.join(TARGET, "test-venv", "bin", "python")


def work(name):
    d = os.path.join(os.path.dirname(DB), "register-e2e")
    os.makedirs(d, exist_ok=True)
    return os.path.join(d, name)


def cli(*args):
    r = run([CLI, "--db", DB, *args])
    check(r.returncode == 0, f"tre {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def register():
    return json.loads(cli("register", "list", "--year", str(state["year"]), "--json"))


def row(key):
    return f'[data-testid="register-row"][data-key="{key}"]'


def row_attr(s, key, script):
    return s.js(f"const r = document.querySelector('{row(key)}'); return r ? {script} : null")


def close_toasts(s):
    """Toasts stay until closed and may cover the buttons of the last rows."""
    s.js("document.querySelectorAll('[aria-label=\"Đóng thông báo\"]').forEach((b) => b.click())")


def choose(s, paths):
    """The next open dialog answers `paths` (the app's test hook)."""
    s.js("window.__TRE_E2E_OPEN__ = arguments[0]", paths)


@step("register-attach", "Văn bản: an e-signed PDF and two phone photos attached in the app; the signers shown, the photos' pages drawn by pdf.js")
def register_attach(s):
    year = state["year"]
    s.click(s.tid("nav-register"))
    s.find('[data-testid="register-table"]', timeout=20)
    plan_key = next(e["key"] for e in register() if e["key"].startswith("plan:") and e["state"] != "draft")
    plan_pdf = work("ke-hoach.pdf")
    cli("export", "plan", plan_key.split(":")[1], "--format", "pdf", "--out", plan_pdf)
    signed = work("signed")
    r = subprocess.run([PYTHON, os.path.join(REPO, "tests", "fixtures", "sign_pdf.py"), plan_pdf, signed],
                       capture_output=True, text=True, timeout=120)
    check(r.returncode == 0, f"pyHanko could not sign: {r.stderr.strip()[-400:]}")
    state["e_signed"] = os.path.join(signed, "two.pdf")

    choose(s, [state["e_signed"]])
    s.click(s.find(f'{row(plan_key)} [data-testid="register-attach"]'))
    wait(lambda: row_attr(s, plan_key, "[...r.querySelectorAll('[data-testid=\"signature\"]')].map((e) => e.dataset.status).join(',')") == "intact,intact",
         20, "the plan's two signatures, intact")
    check(row_attr(s, plan_key, "r.dataset.state") == "signed-copy", "the plan is not marked as having its signed copy")
    text = row_attr(s, plan_key, "r.textContent")
    check("Nguyễn Văn An" in text and "chưa kiểm tra chuỗi chứng thư" in text, f"the row reads {text!r}")

    # The report, numbered in the app, then photographed page by page.
    report = f"assessment:{year}:report"
    close_toasts(s)
    s.click(s.find(f'{row(report)} [data-testid="register-sign"]'))
    s.replace_text(s.tid("sign-number"), "7")
    s.replace_text(s.tid("sign-date"), f"13/11/{year}")
    s.click(s.tid("sign-ok"))
    wait(lambda: row_attr(s, report, "r.dataset.state") == "signed", 15, "the report to be signed")
    photos = []
    for n in (1, 2):
        p = work(f"trang-{n}.jpg")
        r = run(["convert", "-size", "1240x1754", "xc:white", "-fill", "black",
                 "-draw", f"rectangle 120,{150 * n} 1100,{150 * n + 80}", p])
        check(r.returncode == 0, f"convert: {r.stderr.strip()}")
        photos.append(p)
    choose(s, photos)
    close_toasts(s)
    s.click(s.find(f'{row(report)} [data-testid="register-attach"]'))
    wait(lambda: "2 trang" in (row_attr(s, report, "r.querySelector('[data-testid=\"register-copy\"]')?.textContent ?? ''") or ""),
         60, "the photos' copy (2 pages)")
    close_toasts(s)
    s.click(s.find(f'{row(report)} [data-testid="register-view"]'))
    s.find('[data-testid="copy-thumbs"]', timeout=20)
    wait(lambda: len(s.find_all('[data-testid="copy-thumb"]')) == 2, 30, "pdf.js to draw the two pages")
    s.click(s.find('[data-testid="copy-dialog"] footer .btn'))
    got = {e["key"]: e for e in register()}
    check(got[report]["copy"]["pages"] == 2, f"the CLI reads {got[report]['copy']}")
    check(len(got[plan_key]["signatures"]) == 2, "the CLI does not see the plan's signatures")


@step("register-dossier", "Tạo hồ sơ gửi from signed copies: the ZIP carries the e-signed PDF byte for byte, the manifest says each file's state, and it verifies")
def register_dossier(s):
    year = state["year"]
    # The documents not yet attached get theirs from the CLI, as if scanned.
    scan = work("ban-quet.pdf")
    cli("export", "plan", "1", "--format", "pdf", "--out", scan)
    for n, e in enumerate(register()):
        needed = e["key"].startswith("plan:") or e["key"].rsplit(":", 1)[1] in ("minutes", "notice")
        if not needed or e["copy"]:
            continue
        if e["state"] == "draft":
            cli("register", "sign", e["key"], "--number", str(40 + n), "--date", f"14/11/{year}")
        cli("register", "attach", e["key"], scan)
    s.click(s.tid("nav-assessment"))
    s.js("window.scrollTo(0, 0)")
    s.click(s.find('[data-testid="dossier-build"]'))
    s.find('[data-testid="dossier-options"]', timeout=10)
    s.click(s.find('[data-testid="dossier-go"]'))
    notice = s.find('[data-testid="dossier-notice"]', timeout=90)
    zip_path = s.js("return arguments[0].getAttribute('data-zip')", ref(notice))
    check(os.path.isfile(zip_path), f"no ZIP at {zip_path}")
    z = zipfile.ZipFile(zip_path)
    manifest = json.loads(z.read("manifest.json"))
    states = {f["state"] for f in manifest["files"]}
    check(states == {"signed-copy", "data"}, f"the manifest's states are {states}")
    plan = next(f for f in manifest["files"] if f["state"] == "signed-copy" and f.get("signers"))
    with open(state["e_signed"], "rb") as fh:
        check(z.read(plan["name"]) == fh.read(), "the e-signed PDF was changed on its way into the dossier")
    check([x["name"] for x in plan["signers"]] == ["Nguyễn Văn An", "UBND xã Minh Hòa"], f"signers {plan['signers']}")
    r = run([CLI, "dossier", "verify", zip_path])
    check(r.returncode == 0 and "Hồ sơ nguyên vẹn" in r.stdout, f"verify: {r.stdout.strip()} {r.stderr.strip()}")
    check(os.path.realpath(os.path.dirname(zip_path)) == os.path.realpath(EXPORT_DIR), f"the ZIP went to {zip_path}")


@step("outbox-send", "Gửi qua Tre: the dossier of signed copies queued in the app reaches a real SMTP server (STARTTLS, AUTH) once, and the register records the Message-ID")
def outbox_send(s):
    server = subprocess.Popen(
        [PYTHON, os.path.join(REPO, "tests", "fixtures", "smtp_server.py"), work("smtp"),
         "vhxh.minhhoa@phutho.gov.vn", os.environ["TRE_SMTP_PASSWORD"]],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    state["smtp_server"] = server
    port = server.stdout.readline().split()[1]
    ca = server.stdout.readline().split(maxsplit=1)[1].strip()
    cli("commune", "set", "--superior-email", "vanthu.syt@phutho.gov.vn")
    cli("outbox", "settings", "--host", "localhost", "--port", port, "--security", "starttls",
        "--user", "vhxh.minhhoa@phutho.gov.vn", "--from", "vhxh.minhhoa@phutho.gov.vn", "--ca", ca)
    s.click(s.tid("nav-assessment"))
    s.js("window.scrollTo(0, 0)")
    s.click(s.find('[data-testid="dossier-build"]'))
    s.find('[data-testid="dossier-options"]', timeout=10)
    s.click(s.find('[data-testid="dossier-send"]'))
    s.find('[data-testid="dossier-queued"]', timeout=90)
    s.click(s.tid("nav-register"))
    s.find('[data-testid="outbox"]', timeout=15)
    wait(lambda: s.js("const m = document.querySelector('[data-testid=\"outbox-message\"]'); return m && m.dataset.state") == "sent",
         60, "the app's runner to send the dossier")
    received = sorted(f for f in os.listdir(work("smtp")) if f.endswith(".eml"))
    check(len(received) == 1, f"the server received {received}")
    with open(os.path.join(work("smtp"), received[0]), "rb") as fh:
        text = fh.read().decode("utf-8", "replace")
    mid = next(line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("Message-ID:"))
    notes = [x.get("note") or "" for e in register() for x in e["sendings"]]
    check(any(mid in n for n in notes), f"{mid} is not in the register")
    server.stdin.close()
    server.wait(timeout=10)


STEPS = [register_attach, register_dossier, outbox_send]
