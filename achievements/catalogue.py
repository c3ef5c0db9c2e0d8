"""Every achievement, defined in code: the one list that the database rows (achievements_sync),
the API, the admin and docs/motivation.md follow.

Each achievement is a threshold on one of the user's measures (achievements.measures): earned
when `measures[measure] >= target`. `countable` ones show progress toward the target; the others
are a single event (target 1), earned or not."""

from dataclasses import dataclass

BRONZE, SILVER, GOLD = "bronze", "silver", "gold"
TIERS = (BRONZE, SILVER, GOLD)

# The measures (keys of achievements.measures.user_measures), what each counts
MEASURES = {
    "completions": "instances completed (on time or late)",
    "on_time_completions": "instances completed on time (not late)",
    "best_streak": "the longest run of consecutive due instances of one habit completed",
    "comebacks": "completions right after a single broken day that followed a streak of 3+",
    "perfect_weeks": "local Monday–Sunday weeks over, with 5+ due instances, all completed",
    "perfect_days": "local days with 3+ due instances, all completed",
    "active_days": "distinct local days with at least one completion",
    "early_completions": "completions before 07:00 local time",
    "late_completions": "completions at or after 22:00 local time",
    "weekend_completions": "completions on a Saturday or Sunday (local date)",
    "habits_created": "habits created (archived ones included)",
    "habits_formed": "habits formed (completions reached their repeat limit)",
    "public_habits": "public habits",
    "active_habits": "active, unarchived habits at once",
    "paired_habits": "useful habits paired with a pleasant habit",
    "goals_completed": "goals completed",
}


@dataclass(frozen=True)
class AchievementDefinition:
    code: str
    name: str
    description: str
    icon: str  # an MUI icon name, rendered by the web app
    tier: str
    measure: str
    target: int

    @property
    def countable(self) -> bool:
        return self.target > 1


def _a(code, name, description, icon, tier, measure, target=1) -> AchievementDefinition:
    return AchievementDefinition(code, name, description, icon, tier, measure, target)


CATALOGUE: tuple[AchievementDefinition, ...] = (
    _a(
        "first_completion",
        "First step",
        "Complete a habit for the first time.",
        "DirectionsWalk",
        BRONZE,
        "completions",
    ),
    _a(
        "completions_10",
        "Ten reps",
        "Complete habits 10 times.",
        "Repeat",
        BRONZE,
        "completions",
        10,
    ),
    _a(
        "completions_100",
        "Hundred club",
        "Complete habits 100 times.",
        "FitnessCenter",
        SILVER,
        "completions",
        100,
    ),
    _a(
        "completions_1000",
        "Thousand reps",
        "Complete habits 1,000 times.",
        "EmojiEvents",
        GOLD,
        "completions",
        1000,
    ),
    _a(
        "on_time_50",
        "Right on time",
        "Complete habits on time (within the grace period) 50 times.",
        "Alarm",
        SILVER,
        "on_time_completions",
        50,
    ),
    _a(
        "streak_3",
        "Three in a row",
        "Complete 3 due days of one habit in a row.",
        "LocalFireDepartment",
        BRONZE,
        "best_streak",
        3,
    ),
    _a(
        "streak_7",
        "A week strong",
        "Complete 7 due days of one habit in a row.",
        "Whatshot",
        BRONZE,
        "best_streak",
        7,
    ),
    _a(
        "streak_21",
        "Twenty-one",
        "Complete 21 due days of one habit in a row.",
        "Bolt",
        SILVER,
        "best_streak",
        21,
    ),
    _a(
        "streak_66",
        "Sixty-six",
        "Complete 66 due days of one habit in a row: the median time "
        "a habit takes to become automatic.",
        "AutoAwesome",
        GOLD,
        "best_streak",
        66,
    ),
    _a(
        "streak_100",
        "Century",
        "Complete 100 due days of one habit in a row.",
        "MilitaryTech",
        GOLD,
        "best_streak",
        100,
    ),
    _a(
        "never_miss_twice",
        "Never miss twice",
        "After a streak of 3 or more broke, complete the very next due day.",
        "Replay",
        BRONZE,
        "comebacks",
    ),
    _a(
        "perfect_day",
        "Clean sweep",
        "Complete every due habit of a day with at least 3 due.",
        "DoneAll",
        BRONZE,
        "perfect_days",
    ),
    _a(
        "perfect_week",
        "Perfect week",
        "Complete every due habit of a Monday–Sunday week, at least 5 due.",
        "CalendarMonth",
        SILVER,
        "perfect_weeks",
    ),
    _a(
        "perfect_weeks_4",
        "Perfect month",
        "Have 4 perfect weeks.",
        "Celebration",
        GOLD,
        "perfect_weeks",
        4,
    ),
    _a(
        "active_days_30",
        "Thirty days in",
        "Complete something on 30 different days.",
        "Event",
        SILVER,
        "active_days",
        30,
    ),
    _a(
        "early_bird",
        "Early bird",
        "Complete habits before 07:00 ten times.",
        "WbTwilight",
        SILVER,
        "early_completions",
        10,
    ),
    _a(
        "night_owl",
        "Night owl",
        "Complete habits at 22:00 or later ten times.",
        "Bedtime",
        BRONZE,
        "late_completions",
        10,
    ),
    _a(
        "weekend_warrior",
        "Weekend warrior",
        "Complete habits on Saturdays and Sundays 10 times.",
        "Weekend",
        BRONZE,
        "weekend_completions",
        10,
    ),
    _a(
        "first_habit",
        "A time and a place",
        "Create your first habit.",
        "AddTask",
        BRONZE,
        "habits_created",
    ),
    _a(
        "active_habits_5",
        "Habit stack",
        "Have 5 active habits at once.",
        "Layers",
        SILVER,
        "active_habits",
        5,
    ),
    _a(
        "paired_habit",
        "Temptation bundling",
        "Pair a useful habit with a pleasant one.",
        "Favorite",
        BRONZE,
        "paired_habits",
    ),
    _a(
        "first_public_habit",
        "In the open",
        "Make a habit public.",
        "Public",
        BRONZE,
        "public_habits",
    ),
    _a(
        "habit_formed",
        "Habit formed",
        "Form a habit: complete it as often as its repeat limit.",
        "Verified",
        SILVER,
        "habits_formed",
    ),
    _a(
        "habits_formed_3",
        "Identity shift",
        "Form 3 habits.",
        "Psychology",
        GOLD,
        "habits_formed",
        3,
    ),
    _a(
        "first_goal", "Goal reached", "Complete your first goal.", "Flag", BRONZE, "goals_completed"
    ),
    _a("goals_5", "Goal getter", "Complete 5 goals.", "SportsScore", SILVER, "goals_completed", 5),
)

BY_CODE = {definition.code: definition for definition in CATALOGUE}
CODES = tuple(sorted(BY_CODE))  # the API's enum of codes (AchievementCodeEnum)
