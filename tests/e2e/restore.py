"""End-to-end steps of backups and restore (run by app.py last, on the demo database).

The officer copies the data off the laptop from the home page's reminder (a "USB stick": a
folder outside the database's, chosen through the folder dialog's test hook,
`window.__TRE_E2E_OPEN__`). Then the database file is damaged while the app is closed: started
on it, the app must list the backups it can verify (the same ones as `tre backups --json`), add
the USB stick's copy when pointed at it, and restore the chosen one in one click, keeping the
damaged file aside. Last, a new laptop: no data at all; the first-run screen's “Khôi phục từ
bản sao lưu” finds the USB copy and the app opens on the restored commune.
"""

import glob
import json
import os
import shutil
import tempfile

from driver import CLI, DB, app_running, check, run, shot, start_app, state, step, wait

# What the damaged file starts with: the copy kept aside must be these very bytes.
DAMAGE = b"Tre e2e: tep du lieu bi hong co y".ljust(100, b"\xff")

# English a message must never carry: SQLite's texts, the OS's, or a command to type.
NOT_FOR_THE_OFFICER = ("not a database", "malformed", "disk image", "file is", "No such file", "tre restore", "tre backup", "dòng lệnh")


def choose(s, path):
    """The next open dialog (file or folder) answers `path` (the app's test hook)."""
    s.js("window.__TRE_E2E_OPEN__ = arguments[0]", path)


def close_toasts(s):
    s.js("document.querySelectorAll('[aria-label=\"Đóng thông báo\"]').forEach((b) => b.click())")


def toasts(s):
    return s.js("return [...document.querySelectorAll('[data-testid=\"toast\"]')].map((t) => t.textContent.trim())")


def listed(s):
    """The backups the app offers: [kind, path] in its order."""
    return s.js("return [...document.querySelectorAll('[data-testid=\"backup-item\"]')].map((e) => [e.dataset.kind, e.dataset.path])")


def cli_backups(*dirs):
    args = [CLI, "--db", DB, "backups", "--json"]
    for d in dirs:
        args += ["--dir", d]
    r = run(args)
    check(r.returncode == 0, f"tre backups failed: {r.stderr.strip()}")
    return json.loads(r.stdout)


def cli_plans():
    r = run([CLI, "--db", DB, "plan", "list", "--json"])
    check(r.returncode == 0, f"tre plan list failed: {r.stderr.strip()}")
    return json.loads(r.stdout)


def plain(text, what):
    for bad in NOT_FOR_THE_OFFICER:
        check(bad.lower() not in text.lower(), f"{what} carries {bad!r}: {text!r}")


def close_app():
    state["session"].close()
    state["session"] = None
    wait(lambda: not app_running(), 20, "the app to exit")


@step("backup-offsite", "home: the reminder to back up off the laptop; a copy to a USB folder, read back and checked, removes it")
def backup_offsite(s):
    s.click(s.tid("nav-plans"))
    banner = s.tid("backup-reminder", timeout=15)
    check("Chưa sao lưu ra ngoài máy" in s.text(banner), f"the reminder reads {s.text(banner)!r}")
    # A sibling of the test's temp dir: the core refuses a folder beside the database.
    usb = tempfile.mkdtemp(prefix="tre-e2e-usb.", dir=os.path.dirname(os.path.dirname(DB)))
    state["usb"] = usb
    shot("backup-reminder")
    close_toasts(s)
    choose(s, usb)
    s.click(s.tid("reminder-choose"))
    wait(lambda: not s.find_all('[data-testid="backup-reminder"]'), 30, "the reminder to go")
    copies = glob.glob(os.path.join(usb, "tre-sao-luu-*.db"))
    check(len(copies) == 1, f"the USB folder holds {os.listdir(usb)}")
    said = " | ".join(toasts(s))
    check(f"Đã sao lưu vào tệp {os.path.basename(copies[0])}" in said and "Tre đã đọc lại" in said, f"the toast reads {said!r}")
    state["usb_copy"] = copies[0]
    state["plans_at_copy"] = sorted(p["id"] for p in cli_plans())


@step("backups-page", "Sao lưu: when and where the last copy went, and the backups the app can verify")
def backups_page(s):
    s.click(s.tid("nav-backups"))
    status = s.text(s.tid("offsite-status"))
    check("hôm nay" in status and state["usb"] in status, f"the page says {status!r}")
    check(state["usb"] in s.text(s.tid("offsite-now")), "no “Sao lưu ngay vào …” with the remembered folder")
    wait(lambda: ["off-laptop", state["usb_copy"]] in listed(s), 30, "the USB copy in the list")
    want = [[b["kind"], b["path"]] for b in cli_backups()["backups"]]
    check(listed(s) == want, f"the app lists {listed(s)}, the CLI {want}")


@step("damaged-screen", "the data file damaged while the app is closed: the app lists the backups it can verify, the USB copy first")
def damaged_screen(s):
    close_app()
    # A closed database as it sits on the disk: the CLI's read folds in what the app left in
    # the WAL (a newer page 1 there would hide the damage), then the header is overwritten.
    cli_plans()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(DB + suffix):
            os.remove(DB + suffix)
    with open(DB, "r+b") as f:
        f.write(DAMAGE)
    start_app()
    s = state["session"]
    card = s.tid("start-error", timeout=30)
    message = s.text(s.tid("start-error-text"))
    check("bị hỏng" in message, f"the damaged-file screen says {message!r}")
    plain(s.text(card), "the damaged-file screen")
    # The list as opened already has the USB copy first: the damaged file cannot say where its
    # off-laptop folder is, but the note beside it (backups/thu-muc-sao-luu-ngoai-may.txt) can.
    want = [[b["kind"], b["path"]] for b in cli_backups()["backups"]]
    check(want and want[0] == ["off-laptop", state["usb_copy"]], f"the CLI lists {want}")
    wait(lambda: listed(s) == want, 30, f"the app to list {want}")
    first = s.text(s.find('[data-testid="backup-item"]'))
    check("Mới nhất" in first and "Ngoài máy (USB, thư mục đồng bộ)" in first and "xã Minh Hòa" in first, f"the first backup reads {first!r}")
    shot("damaged-screen-as-opened")
    # Pointing at the USB folder finds nothing more, and says so.
    choose(s, state["usb"])
    s.click(s.tid("backup-search"))
    wait(lambda: s.find_all('[data-testid="backup-note"]'), 30, "the search's note")
    check(listed(s) == want, f"the app lists {listed(s)}, the CLI {want}")
    note = s.text(s.tid("backup-note"))
    check("Không thấy thêm bản sao lưu nào" in note, f"the note reads {note!r}")


@step("restored", "one click restores the USB copy: the home page shows the plans again; the damaged file is kept aside")
def restored(s):
    s.click(s.find('[data-testid="backup-item"] [data-testid="backup-restore"]'))
    wait(lambda: s.find_all('[data-testid="plan-item"]'), 30, "the home page's plans")
    check(not s.find_all('[data-testid="confirm-dialog"]'), "a damaged file asked for a confirmation")
    said = " | ".join(toasts(s))
    check("Đã khôi phục dữ liệu từ bản sao lưu ngày" in said, f"the toast reads {said!r}")
    plain(said, "the restore toast")
    kept = glob.glob(os.path.join(os.path.dirname(DB), "backups", "tre-before-restore-*.db"))
    check(len(kept) == 1 and kept[0] in said, f"the damaged file was kept as {kept}; the toast reads {said!r}")
    with open(kept[0], "rb") as f:
        check(f.read(len(DAMAGE)) == DAMAGE, f"{kept[0]} is not the damaged file")
    check(sorted(p["id"] for p in cli_plans()) == state["plans_at_copy"], "the CLI does not read the restored plans")
    shown = s.js("return Number(document.querySelector('[data-testid=\"plan-list\"]').dataset.year)")
    items = len(s.find_all('[data-testid="plan-item"]'))
    check(items == len([p for p in cli_plans() if p["year"] == shown]), f"the home page shows {items} plans for {shown}")
    check("Minh Hòa" in s.text(s.find("nav.topbar .commune")), "the top bar does not name the restored commune")


@step("first-run-restore", "a new laptop: no data; “Khôi phục từ bản sao lưu” on the first-run screen finds the USB copy and opens the restored commune")
def first_run_restore(s):
    close_app()
    # Everything of the old laptop goes aside (E2E_KEEP=1 keeps it).
    for path in [DB + suffix for suffix in ("", "-wal", "-shm")] + [os.path.join(os.path.dirname(DB), "backups")]:
        if os.path.exists(path):
            os.replace(path, path + ".old-laptop")
    start_app()
    s = state["session"]
    s.click(s.tid("first-run-restore", timeout=30))
    s.tid("restore-empty", timeout=30)
    shot("first-run-restore-empty")
    choose(s, state["usb"])
    s.click(s.tid("backup-search"))
    wait(lambda: listed(s) == [["off-laptop", state["usb_copy"]]], 30, "the USB copy in the list")
    s.click(s.find('[data-testid="backup-item"] [data-testid="backup-restore"]'))
    wait(lambda: s.find_all('[data-testid="plan-item"]'), 30, "the home page's plans")
    check("Minh Hòa" in s.text(s.find("nav.topbar .commune")), "the top bar does not name the restored commune")
    check(sorted(p["id"] for p in cli_plans()) == state["plans_at_copy"], "the CLI does not read the restored plans")
    if os.environ.get("E2E_KEEP") != "1":
        shutil.rmtree(state["usb"], ignore_errors=True)


STEPS = [backup_offsite, backups_page, damaged_screen, restored, first_run_restore]
