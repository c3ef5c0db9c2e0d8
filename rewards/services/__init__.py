from rewards.services.earning import (
    coins_pay_completion,
    coins_reverse_completion,
    on_achievement_earned,
    on_goal_completed,
    on_instance_mark_undone,
    on_instance_marked,
)
from rewards.services.ledger import ledger_credit, ledger_credit_once, ledger_debit
from rewards.services.rewards import (
    reward_create,
    reward_delete,
    reward_redeem,
    reward_update,
    rewards_wipe_for_user,
)

__all__ = [
    "coins_pay_completion",
    "coins_reverse_completion",
    "ledger_credit",
    "ledger_credit_once",
    "ledger_debit",
    "on_achievement_earned",
    "on_goal_completed",
    "on_instance_mark_undone",
    "on_instance_marked",
    "reward_create",
    "reward_delete",
    "reward_redeem",
    "reward_update",
    "rewards_wipe_for_user",
]
