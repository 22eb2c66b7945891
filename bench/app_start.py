#!/usr/bin/env python3
"""Cold start of the desktop app to its first paint, measured through WebDriver.

Starts a private Xvfb and tauri-driver, then for each run opens a W3C session (tauri-driver
launches the app, a new process each time), reads `performance.timeOrigin` and the first-contentful-paint entry from the
page, and reports launch-to-first-paint = timeOrigin + FCP - the moment the session was asked
for. The database lives in a temporary HOME: the first run shows the setup screen, the
others the home page.
Usage: bench/app_start.py [path/to/tre-app] [runs]   (needs xvfb, webkit2gtk-driver, tauri-driver)
"""
import json, os, socket, statistics, subprocess, sys, tempfile, time, urllib.request

APP = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/tre-app")
RUNS = int(sys.argv[2]) if len(sys.argv) > 2 else 5


def free_port():
    s = socket.socket(); s.bind(("127.0.0.1", 0)); p = s.getsockname()[1]; s.close(); return p


def call(url, method="GET", body=None, timeout=60):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=timeout) as r:
        return json.loads(r.read() or b"{}")


work = tempfile.mkdtemp()
display = f":{100 + os.getpid() % 50}"
xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
port, native = free_port(), free_port()
env = dict(os.environ, DISPLAY=display, WEBKIT_DISABLE_DMABUF_RENDERER="1", NO_AT_BRIDGE="1", HOME=work)
driver = subprocess.Popen(["tauri-driver", "--port", str(port), "--native-port", str(native),
                           "--native-driver", "/usr/bin/WebKitWebDriver"],
                          env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
base = f"http://127.0.0.1:{port}"
try:
    for _ in range(100):
        try:
            call(base + "/status", timeout=2); break
        except Exception:
            time.sleep(0.1)
    results = []
    for i in range(RUNS):
        caps = {"capabilities": {"alwaysMatch": {"tauri:options": {"application": APP}}}}
        t0 = time.time() * 1000
        sid = call(base + "/session", "POST", caps)["value"]["sessionId"]
        script = {"script": "const p = performance.getEntriesByType('paint').find(e => e.name === 'first-contentful-paint');"
                            "return [performance.timeOrigin, p ? p.startTime : null];", "args": []}
        fcp = None
        for _ in range(100):
            origin, fcp = call(f"{base}/session/{sid}/execute/sync", "POST", script)["value"]
            if fcp is not None:
                break
            time.sleep(0.05)
        call(f"{base}/session/{sid}", "DELETE")
        if fcp is None:
            sys.exit("no first-contentful-paint entry")
        results.append(origin + fcp - t0)
        time.sleep(1)
    print("launch to first paint (ms):", ", ".join(f"{r:.0f}" for r in results))
    print(f"median: {statistics.median(results):.0f} ms over {RUNS} runs")
finally:
    os.killpg(driver.pid, 15)
    xvfb.terminate()
