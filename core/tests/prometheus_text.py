"""Reading Prometheus's text exposition format in the metrics tests."""

import re


def sample(text: str, name: str, **labels) -> float:
    """The value of the series `name` whose labels include `labels` (0 when there is none)."""
    for line in text.splitlines():
        match = re.fullmatch(rf"{re.escape(name)}\{{(.*)\}} (\S+)", line)
        if match and all(f'{key}="{value}"' in match.group(1) for key, value in labels.items()):
            return float(match.group(2))
    return 0.0
