# The two commands: `make demo` and `make test`. Both install what is missing first.
BUILD    ?= build
SANITIZE ?= 0
JOBS     ?= $(shell nproc)
FUZZ_SECONDS ?= 30

ifeq ($(SANITIZE),1)
  BUILD := build-asan
  CMAKE_FLAGS += -DPARLEY_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
endif

GENERATOR := $(shell command -v ninja >/dev/null 2>&1 && echo "-G Ninja")

.PHONY: all deps configure build test demo bench fuzz-smoke clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) $(GENERATOR) $(CMAKE_FLAGS)

configure: $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

test: deps
	@$(MAKE) --no-print-directory build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

demo: deps
	@$(MAKE) --no-print-directory build
	./$(BUILD)/parley demo

bench: deps
	@$(MAKE) --no-print-directory build
	scripts/run-benchmarks.sh $(BUILD)

fuzz-smoke: deps
	cmake -S . -B build-fuzz $(GENERATOR) -DPARLEY_FUZZ=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++
	cmake --build build-fuzz -j $(JOBS)
	scripts/fuzz-smoke.sh build-fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build build-asan build-fuzz
