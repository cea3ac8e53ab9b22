.PHONY: help build test format lint check bench
help:
	@echo "make build   - swift build"
	@echo "make test    - every test (scripts/test: unit, integration, act conformance)"
	@echo "make format  - swift format in place"
	@echo "make lint    - swift format lint --strict"
	@echo "make check   - lint + test"
	@echo "make bench   - Benchmarks/run-vs-act.sh (release build)"
build:
	swift build
test:
	scripts/test
format:
	swift format --in-place --recursive Sources Tests
lint:
	swift format lint --strict --recursive Sources Tests
check: lint test
bench:
	swift build -c release && Benchmarks/run-vs-act.sh --gantry .build/release/gantry
