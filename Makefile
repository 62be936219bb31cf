# Human entry points. CI runs .ci/run, which calls `make setup` and `make test`.
BUILD      ?= build
BUILD_TYPE ?= RelWithDebInfo
WERROR     ?= ON
JOBS       ?= $(shell nproc)
MESHPROBE  := $(BUILD)/bin/meshprobe

.PHONY: setup build build-asan build-tsan test test-unit test-asan test-tsan test-integration test-mesh check-fixtures bench bench-check bench-deep bench-watch bench-outside clean

setup:
	bash scripts/setup.sh

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) -DMESHPROBE_WERROR=$(WERROR)

build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Every test: unit tests, and integration tests against the real Docker engine.
test: build
	cd $(BUILD) && ctest --output-on-failure -j 2 || { bash $(CURDIR)/scripts/ctest-failures.sh .; exit 1; }

test-unit: build
	cd $(BUILD) && ctest --output-on-failure -LE integration -j $(JOBS)

# The unit tests under AddressSanitizer and UndefinedBehaviorSanitizer, and the tests of what runs
# threads under ThreadSanitizer (watch: its metrics server, webhooks and violation log; check: its
# rules and compose files beside the contract; the YAML reader's read-ahead): each in a build
# folder of its own, only the test programs (no integration tests, no static probe). ASan at -Og:
# half the compile time of -O1 (measured), and its tests are short; TSan at -O1, as TSan wants.
# Warnings are not errors there: GCC warns differently with sanitizers; `make build` is the gate.
# The ASan corpus test reads the docker-compose answers $(BUILD) keeps (it runs compose once each).
ASAN_BUILD ?= build-asan
TSAN_BUILD ?= build-tsan
SANITIZED   = -G Ninja -DCMAKE_BUILD_TYPE=None -DMESHPROBE_WERROR=OFF

# build-asan and build-tsan alone: .ci/run builds them while the integration tests run.
build-asan:
	cmake -S . -B $(ASAN_BUILD) $(SANITIZED) -DCMAKE_CXX_FLAGS="-Og -g1" -DMESHPROBE_SANITIZE=address,undefined \
	  -DMESHPROBE_COMPOSE_ORACLE_DIR=$(CURDIR)/$(BUILD)/tests/unit/composefile/compose-oracle
	cmake --build $(ASAN_BUILD) -j $(JOBS) --target unit_tests

build-tsan:
	cmake -S . -B $(TSAN_BUILD) $(SANITIZED) -DCMAKE_CXX_FLAGS="-O1 -g1" -DMESHPROBE_SANITIZE=thread
	cmake --build $(TSAN_BUILD) -j $(JOBS) --target watch_tests rules_tests yaml_tests

test-asan: build-asan
	bash scripts/sanitized-tests.sh $(ASAN_BUILD)

test-tsan: build-tsan
	bash scripts/sanitized-tests.sh $(TSAN_BUILD)

# The integration tests alone; MESHPROBE_COMPOSE=v1 runs them on compose v1 instead of v2.
# The package's tests (a fresh Debian root each) run with `make test` only.
test-integration: build
	cd $(BUILD) && ctest --output-on-failure -L integration -LE package || { bash $(CURDIR)/scripts/ctest-failures.sh .; exit 1; }

# The conformance harness on the bundled reference example, in stand-in mode.
test-mesh: build
	MESHPROBE=$(MESHPROBE) bash scripts/test-mesh.sh

# `meshprobe check` on the project's own fixtures: the reference passes in every environment,
# every broken variant fails.
check-fixtures: build
	$(MESHPROBE) -c fixtures/devonboarder/mesh.yaml check --all-envs
	@for v in fixtures/broken/*/; do \
	  $(MESHPROBE) -q -c $$v/mesh.yaml check >/dev/null; rc=$$?; \
	  if [ $$rc -ne 1 ]; then echo "check $$v: exit $$rc, expected 1"; exit 1; fi; \
	  echo "check $$v: fails as it should"; \
	done

bench: build
	bash bench/run.sh

clean:
	rm -rf $(BUILD)
	-docker images -q meshprobe/probe | xargs -r docker rmi -f >/dev/null 2>&1

# `meshprobe check` against docker-compose config and dclint (installs dclint into a temp dir).
# One probe round of `watch` on the running reference stack, against a fresh `run --no-up`.
bench-watch: build
	MESHPROBE=$(MESHPROBE) bash bench/watch_round.sh

bench-outside: build
	MESHPROBE=$(MESHPROBE) BEFORE=$(BEFORE) bash bench/outside_host.sh

bench-check: build
	bash bench/check_bench.sh

# `check` on 10k to 100k levels of nesting; BEFORE=<an older meshprobe> times it beside this one.
bench-deep: build
	MESHPROBE=$(MESHPROBE) python3 bench/deep_input.py $(if $(BEFORE),--before $(BEFORE))
