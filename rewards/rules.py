"""Every coin rule, in one place (docs/motivation.md states them with the same numbers).

Pure functions: the services read what they need (the streak, what an instance has paid) and
ask these how many coins that is worth.
"""

COMPLETION_BASE = 10
# +1 per step of the streak this completion extends (days for daily habits, weeks for the
# N-times-a-week ones), up to this many
STREAK_BONUS_CAP = 10
# a goal is worth a bonus only when it was set at least this long before it was completed: a
# goal made and ticked off in one sitting is a to-do, and would be a free-coin button
GOAL_MIN_AGE_HOURS = 24
GOAL_BONUS = 30
ACHIEVEMENT_BONUS_BY_TIER = {"bronze": 20, "silver": 50, "gold": 100}


def completion_coins(*, streak: int, late: bool) -> int:
    """What a live completion is worth. `streak` is the habit's current streak including this
    completion, so the first completion of a run pays the base, the second +1, and so on;
    completed_late pays half (rounded down)."""
    coins = COMPLETION_BASE + min(max(streak - 1, 0), STREAK_BONUS_CAP)
    return coins // 2 if late else coins


def completion_payment(*, worth: int, already_paid: int) -> int:
    """What to credit for a completion worth `worth` when the instance's entries already sum to
    `already_paid` (an earlier completion of it was undone while its coins were spent: the
    reversal took less than it paid). An instance never nets more than one completion."""
    return max(worth - already_paid, 0)


def reversal_taking(*, outstanding: int, balance: int) -> tuple[int, int]:
    """(taken, shortfall) for taking back `outstanding` coins from `balance`: all of it when the
    balance allows, else the balance down to zero and the rest recorded as the shortfall."""
    taken = min(outstanding, balance)
    return taken, outstanding - taken


def achievement_bonus(*, tier: str) -> int | None:
    """The bonus of an achievement's tier; None for a tier this app does not know."""
    return ACHIEVEMENT_BONUS_BY_TIER.get(tier)
