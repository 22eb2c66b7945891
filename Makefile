# Tre — the two entry points of README.md, and a few helpers.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)
CARGO ?= cargo
OUT ?= out

.PHONY: run test setup build demo bench clean

## Install what is needed, build, and export the demo commune's plans as PDF and DOCX into out/.
run: setup
	$(CARGO) build --release --locked
	@mkdir -p $(OUT) && rm -f $(OUT)/demo.db $(OUT)/demo.db-wal $(OUT)/demo.db-shm
	@for id in $$(./target/release/tre --db $(OUT)/demo.db demo); do \
	  ./target/release/tre --db $(OUT)/demo.db export plan $$id --format pdf --out $(OUT)/ke-hoach-$$id.pdf; \
	  ./target/release/tre --db $(OUT)/demo.db export plan $$id --format docx --out $(OUT)/ke-hoach-$$id.docx; \
	done
	@echo "Các kế hoạch mẫu đã được xuất ra thư mục $(OUT)/"

## Install what is needed and run every test (this is what .ci/run calls).
test: setup
	$(CARGO) test --locked --all-targets
	$(CARGO) test --locked --doc

setup:
	@bash scripts/setup.sh

build:
	$(CARGO) build --locked

bench: setup
	$(CARGO) bench --locked

clean:
	rm -rf $(OUT)
