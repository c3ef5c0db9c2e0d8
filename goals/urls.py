from django.urls import path

from goals import ai_views, attachment_views, views

urlpatterns = [
    path("goals/", views.GoalListCreateApi.as_view(), name="goal-list"),
    path("goals/ai/", ai_views.GoalAiCapabilityApi.as_view(), name="goal-ai-capability"),
    path("goals/archived/", views.GoalArchivedListApi.as_view(), name="goal-archived-list"),
    path("goals/<int:pk>/", views.GoalDetailApi.as_view(), name="goal-detail"),
    path("goals/<int:pk>/archive/", views.GoalArchiveApi.as_view(), name="goal-archive"),
    path("goals/<int:pk>/unarchive/", views.GoalUnarchiveApi.as_view(), name="goal-unarchive"),
    path("goals/<int:pk>/complete/", views.GoalCompleteApi.as_view(), name="goal-complete"),
    path("goals/<int:pk>/reopen/", views.GoalReopenApi.as_view(), name="goal-reopen"),
    path("goals/<int:pk>/reminder/", views.GoalReminderApi.as_view(), name="goal-reminder"),
    path(
        "goals/<int:goal_id>/stages/",
        views.GoalStageListCreateApi.as_view(),
        name="goal-stage-list",
    ),
    path(
        "goals/<int:goal_id>/stages/reorder/",
        views.GoalStagesReorderApi.as_view(),
        name="goal-stage-reorder",
    ),
    path(
        "goals/<int:goal_id>/stages/<int:pk>/",
        views.GoalStageDetailApi.as_view(),
        name="goal-stage-detail",
    ),
    path(
        "goals/<int:goal_id>/stages/<int:pk>/complete/",
        views.GoalStageCompleteApi.as_view(),
        name="goal-stage-complete",
    ),
    path(
        "goals/<int:goal_id>/stages/<int:pk>/uncomplete/",
        views.GoalStageUncompleteApi.as_view(),
        name="goal-stage-uncomplete",
    ),
    path(
        "goals/<int:goal_id>/attachments/",
        attachment_views.GoalAttachmentListCreateApi.as_view(),
        name="goal-attachment-list",
    ),
    path(
        "attachments/<int:pk>/",
        attachment_views.AttachmentDetailApi.as_view(),
        name="attachment-detail",
    ),
    path(
        "goals/<int:goal_id>/stages/accept/",
        ai_views.GoalStagesAcceptApi.as_view(),
        name="goal-stage-accept",
    ),
    path(
        "goals/<int:goal_id>/ai-breakdown/",
        ai_views.GoalAiBreakdownApi.as_view(),
        name="goal-ai-breakdown",
    ),
    # the name the issue also gives it
    path(
        "goals/<int:goal_id>/ai-sync/",
        ai_views.GoalAiBreakdownApi.as_view(),
        name="goal-ai-sync",
    ),
    path(
        "goals/<int:goal_id>/ai-breakdown/<int:job_id>/",
        ai_views.GoalAiBreakdownJobApi.as_view(),
        name="goal-ai-breakdown-job",
    ),
]
