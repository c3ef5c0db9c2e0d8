from django.conf import settings
from django.db import models
from django.db.models import Q

NAME_MAX_LENGTH = 120
NOTE_MAX_LENGTH = 500
ENTRY_NOTE_MAX_LENGTH = 200
MAX_PRICE = 1_000_000


class CoinEntryKind(models.TextChoices):
    COMPLETION = "completion", "Habit completed"
    COMPLETION_REVERSED = "completion_reversed", "Completion undone"
    ACHIEVEMENT_BONUS = "achievement_bonus", "Achievement bonus"
    GOAL_BONUS = "goal_bonus", "Goal bonus"
    REDEMPTION = "redemption", "Reward redeemed"


CREDIT_KINDS = [CoinEntryKind.COMPLETION, CoinEntryKind.ACHIEVEMENT_BONUS, CoinEntryKind.GOAL_BONUS]
DEBIT_KINDS = [CoinEntryKind.COMPLETION_REVERSED, CoinEntryKind.REDEMPTION]


# The entries that belong to one habit instance (their reference_id is its id): what it paid.
INSTANCE_KINDS = [CoinEntryKind.COMPLETION, CoinEntryKind.COMPLETION_REVERSED]


class Wallet(models.Model):
    """A user's balance: the sum of their ledger, kept by rewards.services.ledger in the
    transaction of every entry with a conditional UPDATE (never read-modify-write)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, primary_key=True, related_name="wallet"
    )
    balance = models.BigIntegerField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            # the last guard: a write that would overdraw fails in the database itself
            models.CheckConstraint(condition=Q(balance__gte=0), name="wallet_balance_not_negative"),
        ]

    def __str__(self):
        return f"Wallet of {self.user_id}: {self.balance}"


class CoinEntry(models.Model):
    """One line of the append-only ledger. Never edited or deleted (the account wipe aside): a
    completion that is undone gets a compensating `completion_reversed` entry.

    `reference_id` names what the entry is about, by kind: the habit instance (completion and its
    reversal), the achievements app's user-achievement row, the goal, the redemption. A number,
    not a foreign key: the ledger outlives a deleted habit or goal."""

    Kind = CoinEntryKind

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coin_entries"
    )
    amount = models.BigIntegerField(help_text="Coins in (+) or out (-).")
    kind = models.CharField(max_length=24, choices=Kind.choices)
    reference_id = models.BigIntegerField()
    # the completion entry a reversal takes back: one reversal per completion (unique)
    reverses = models.OneToOneField(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="reversal"
    )
    # a completion: 1 + the reversals its instance had before it (an instance completed, undone
    # and completed again pays at most once per round, even at the same instant)
    occurrence = models.PositiveSmallIntegerField(default=1)
    # coins a reversal could not take back because they were already spent (docs)
    shortfall = models.PositiveBigIntegerField(default=0)
    balance_after = models.BigIntegerField()
    note = models.CharField(max_length=ENTRY_NOTE_MAX_LENGTH, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "coin entries"
        ordering = ["-created_at", "-id"]
        indexes = [
            # GET /api/wallet/: one user's ledger, newest first
            models.Index(fields=["user", "-created_at", "-id"], name="coinentry_user_ledger_idx"),
            # the completion rule: what an instance has paid so far
            models.Index(
                fields=["reference_id"],
                condition=Q(kind__in=["completion", "completion_reversed"]),
                name="coinentry_instance_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    kind__in=[
                        "completion",
                        "completion_reversed",
                        "achievement_bonus",
                        "goal_bonus",
                        "redemption",
                    ]
                ),
                name="coinentry_kind_known",
            ),
            models.CheckConstraint(
                condition=Q(
                    kind__in=["completion", "achievement_bonus", "goal_bonus"], amount__gt=0
                )
                | Q(kind="redemption", amount__lt=0)
                # a reversal of coins already spent may take nothing (its shortfall says so)
                | Q(kind="completion_reversed", amount__lte=0),
                name="coinentry_amount_sign_by_kind",
            ),
            models.CheckConstraint(
                condition=Q(balance_after__gte=0), name="coinentry_balance_after_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(kind="completion_reversed", reverses__isnull=False)
                | (~Q(kind="completion_reversed") & Q(reverses__isnull=True, shortfall=0)),
                name="coinentry_only_reversals_reverse",
            ),
            # a completion (the instance's n-th round of complete / undo) pays once, however
            # often its event arrives
            models.UniqueConstraint(
                fields=["reference_id", "occurrence"],
                condition=Q(kind="completion"),
                name="coinentry_completion_once",
            ),
            models.UniqueConstraint(
                fields=["reference_id"],
                condition=Q(kind="achievement_bonus"),
                name="coinentry_achievement_bonus_once",
            ),
            models.UniqueConstraint(
                fields=["reference_id"],
                condition=Q(kind="goal_bonus"),
                name="coinentry_goal_bonus_once",
            ),
            models.UniqueConstraint(
                fields=["reference_id"],
                condition=Q(kind="redemption"),
                name="coinentry_redemption_once",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount:+d} ({self.user_id})"


class Reward(models.Model):
    """Something the user buys themselves with their coins ("an episode of my show — 50")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="rewards"
    )
    name = models.CharField(max_length=NAME_MAX_LENGTH)
    price = models.PositiveIntegerField()
    note = models.TextField(max_length=NOTE_MAX_LENGTH, blank=True)
    is_archived = models.BooleanField(default=False)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["price", "id"]
        indexes = [
            # /api/rewards/: one owner's rewards, active or archived, cheapest first
            models.Index(fields=["user", "is_archived", "price"], name="reward_user_list_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(price__gt=0, price__lte=MAX_PRICE), name="reward_price_positive"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.price})"


class Redemption(models.Model):
    """A reward bought: its name and price as they were then (the reward may change or go)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="redemptions"
    )
    reward = models.ForeignKey(
        Reward, on_delete=models.SET_NULL, null=True, blank=True, related_name="redemptions"
    )
    reward_name = models.CharField(max_length=NAME_MAX_LENGTH)
    price = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="redemption_user_idx"),
        ]

    def __str__(self):
        return f"{self.reward_name} ({self.price})"
