"""What the distributor and ingester decide about a push: validation, limits, outcome."""
