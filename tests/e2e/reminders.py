"""End-to-end steps of the deadline reminder (run by app.py last, on a database of their own).

A commune with one plan: one deadline two days past, one three days ahead (written with the
CLI while the app is closed). Started on it, the app sends the day's reminder to the desktop's
notification server (run.sh runs one on a private session bus and records what it is sent in
$E2E_NOTIFICATIONS) with the title and lines `tre reminders` prints, and the home page shows
the same. Started again the same day, it does not send it twice.
"""

import datetime
import json
import os
import re
import time

from driver import CLI, DB, app_running, check, env, run, start_app, state, step, wait

NOTIFICATIONS = env("E2E_NOTIFICATIONS")

LATE = "Gửi danh sách trẻ em cần hỗ trợ về Ủy ban nhân dân xã"
SOON = "Họp giao ban công tác bảo vệ trẻ em"


def cli(*args):
    r = run([CLI, "--db", DB, *args])
    check(r.returncode == 0, f"tre {' '.join(args)} failed: {r.stderr.strip()}")
    return r.stdout


def sent():
    """The notifications the server was asked to show: (title, body) in order.

    dbus-monitor prints each Notify call's arguments one a line: app name, replaced id, icon,
    then the title and the body as `string "…"` (a body's line breaks kept as they are).
    """
    try:
        with open(NOTIFICATIONS, encoding="utf-8", errors="replace") as f:
            log = f.read()
    except FileNotFoundError:
        return []
    calls = re.split(r"^method call .*member=Notify$", log, flags=re.M)[1:]
    out = []
    for call in calls:
        strings = re.findall(r'^\s+string "(.*?)"$', call, flags=re.M | re.S)
        if len(strings) >= 4:
            out.append((strings[2], strings[3]))
    return out


def close_app():
    state["session"].close()
    state["session"] = None
    wait(lambda: not app_running(), 20, "the app to exit")


@step("reminder-sent", "a deadline past and one in 3 days: at start the app sends the day's reminder to the desktop and shows it on the home page")
def reminder_sent(s):
    close_app()
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(DB + suffix):
            os.replace(DB + suffix, f"{DB}.before-reminders{suffix}")
    today = datetime.date.today()
    cli("commune", "set", "--name", "Tân Lập", "--province", "Tuyên Quang", "--chair", "Nguyễn Hữu An")
    pid = cli("plan", "new", "--year", str(today.year), "--template", "blank").strip()
    plan = json.loads(cli("plan", "show", pid, "--json"))
    plan["deadlines"] = [
        {"date": (today - datetime.timedelta(days=2)).isoformat(), "text": LATE, "section": ""},
        {"date": (today + datetime.timedelta(days=3)).isoformat(), "text": SOON, "section": ""},
    ]
    path = os.path.join(os.path.dirname(DB), "reminder-plan.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(plan, f, ensure_ascii=False)
    cli("plan", "set", pid, "--from-json", path)
    want = json.loads(cli("reminders", "--json"))
    # The assessment's own steps join the plan's deadlines, by the calendar: counted, not fixed.
    check(want and "last_reminded" not in want, f"tre reminders says {want!r}")
    check(re.fullmatch(r"Tre: \d+ việc quá hạn, \d+ việc đến hạn trong 7 ngày", want["title"]), f"the title reads {want['title']!r}")
    check(LATE in [d["text"] for d in want["overdue"]] and SOON in [d["text"] for d in want["soon"]], f"tre reminders says {want!r}")
    before = len(sent())
    start_app()
    s = state["session"]
    wait(lambda: len(sent()) > before, 30, "the reminder to reach the notification server")
    time.sleep(1)
    got = sent()[before:]
    check(got == [(want["title"], want["body"])], f"the server was sent {got!r}, expected the title and lines of `tre reminders`: {want['title']!r}")
    # The same reminder on the home page, for a desktop that shows no notifications.
    title = s.text(s.tid("deadline-reminder-title", timeout=30)).strip()
    check(title == want["title"].removeprefix("Tre: "), f"the home page's reminder reads {title!r}")
    banner = s.text(s.tid("deadline-reminder"))
    first = want["body"].split("\n")[0]
    check(first in banner, f"the home page's reminder does not read {first!r}: {banner!r}")
    # The core noted the day, in the database the app and the CLI share.
    noted = json.loads(cli("reminders", "--json"))
    check(noted.get("last_reminded") == today.isoformat(), f"tre reminders says it was last given on {noted.get('last_reminded')!r}")


@step("reminder-once", "started again the same day: no second notification; the home page still shows the reminder")
def reminder_once(s):
    close_app()
    before = len(sent())
    start_app()
    s = state["session"]
    s.tid("deadline-reminder", timeout=30)
    # The app looks 2 s after it starts (src-tauri/src/reminders.rs); give it time to have sent.
    time.sleep(6)
    check(len(sent()) == before, f"a second notification on the same day: {sent()[before:]!r}")


STEPS = [reminder_sent, reminder_once]
