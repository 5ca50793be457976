"""Shared test settings: hypothesis without deadlines (shared, noisy machines and Pyodide)."""

from hypothesis import HealthCheck, settings

settings.register_profile("default", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("default")
