from rest_framework.settings import api_settings
from rest_framework.throttling import ScopedRateThrottle


class ScopedThrottle(ScopedRateThrottle):
    """ScopedRateThrottle that reads its rates when it runs, not when the class is imported,
    so rates set per environment (and per test) take effect."""

    @property
    def THROTTLE_RATES(self):  # noqa: N802 - the name DRF looks up
        return api_settings.DEFAULT_THROTTLE_RATES
