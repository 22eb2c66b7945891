# Tre — the two entry points of README.md, and a few helpers.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
OUT ?= out
# Where cargo puts its builds (honours CARGO_TARGET_DIR, like cargo itself).
TARGET_DIR := $(or $(CARGO_TARGET_DIR),target)

# The core's tests write their temporary files under a folder named as on Windows (a drive-like
# component with backslashes, marks, spaces, parentheses): code that treats a path as a string,
# or assumes ASCII, fails there on Linux as it would on an officer's laptop (tests/portability.rs).
PORTABLE_TMP := $(abspath $(TARGET_DIR))/tmp/C:\Users\Nguyễn Thị Hoà (Cán bộ VHXH)\AppData\Local\Temp

.PHONY: run test setup ui ui-check ui-e2e app build e2e demo bench clean

## Install what is needed, build the app (UI + Tauri shell, debug build) and open it.
run: setup app
	@echo "==> Mở Tre (dữ liệu: $${TRE_DB:-~/.local/share/tre/tre.db})"
	$(TARGET_DIR)/debug/tre-app

## Install what is needed and run every test (this is what .ci/run calls): the UI's checks,
## unit tests and click-through on the real core (tre-dev-server), the core's tests, then the built app end
## to end under Xvfb.
test: setup ui-check ui-e2e
	$(CARGO) test --locked --all-targets --no-run
	@mkdir -p "$(PORTABLE_TMP)"
	TMPDIR="$(PORTABLE_TMP)" $(CARGO) test --locked --all-targets
	$(CARGO) test --locked --doc
	$(MAKE) --no-print-directory app
	$(CARGO) test --locked -p tre-app --features custom-protocol
	$(MAKE) --no-print-directory e2e

setup:
	@bash scripts/setup.sh

## The UI: type check and unit tests (vitest), then the production build in ui/dist.
ui-check:
	cd ui && npm ci --no-audit --no-fund && npm run check && npm test

## The UI on the real core (tre-dev-server, a fresh database) in headless Chromium (drag and
## drop, key chords, dialogs), then the dev server's own tests.
ui-e2e:
	bash ui/scripts/e2e.sh
	$(CARGO) test --locked -p tre-dev-server

ui:
	cd ui && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run build

## The desktop app, serving ui/dist from inside the binary (custom-protocol): target/debug/tre-app.
app: ui
	$(CARGO) build --locked -p tre-app --features custom-protocol
	$(CARGO) build --locked -p tre --bin tre

## The real app driven through WebDriver under Xvfb; screenshots in target/e2e-artifacts/.
e2e:
	bash tests/e2e/run.sh

build:
	$(CARGO) build --locked

## The demo commune's plans exported as PDF and DOCX into out/ by the command line tool.
demo: setup
	$(CARGO) build --locked -p tre --bin tre
	@mkdir -p $(OUT) && rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm
	@for id in $$($(TARGET_DIR)/debug/tre --db $(OUT)/demo.db demo); do \
	  $(TARGET_DIR)/debug/tre --db $(OUT)/demo.db export plan $$id --format pdf --out $(OUT)/ke-hoach-$$id.pdf; \
	  $(TARGET_DIR)/debug/tre --db $(OUT)/demo.db export plan $$id --format docx --out $(OUT)/ke-hoach-$$id.docx; \
	done
	@echo "Các kế hoạch mẫu đã được xuất ra thư mục $(OUT)/"

bench: setup
	$(CARGO) bench --locked

clean:
	rm -rf $(OUT)
