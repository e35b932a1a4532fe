"""Server mode: ``trygg-server`` runs the service layer against PostgreSQL (README, Server mode)."""
