# One command for the checks a change must pass: `make check`.
.PHONY: check lint test bench

check: lint test

lint:
	python3 -m ruff check src tests benchmarks tools

test:
	python3 -m pytest

bench:
	python3 benchmarks/extract_accuracy.py
	python3 benchmarks/extract_speed.py
	python3 benchmarks/rerun_speed.py
	python3 benchmarks/llm_throughput.py
	python3 benchmarks/select_speed.py
	python3 benchmarks/digest_speed.py
