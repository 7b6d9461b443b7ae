"""Speed and quality benchmarks; print tables; never part of the test run."""
