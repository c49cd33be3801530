"""One Python emulation of each Go standard-library behaviour lokisim relies on (Go 1.24)."""
