"""The moderation queue: posts with unresolved reports first, then other reported posts, with
their reports; actions hide, unhide, resolve reports and delete (images go after commit, as the
author's delete does). Kudos are read-only."""

from django.contrib import admin
from django.db.models import Count, Q

from community.models import Kudos, Post, PostReport
from community.services import posts_delete_by_moderator, posts_set_hidden, reports_resolve


class ReportedFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("open", "Open reports"), ("yes", "Reported"), ("no", "Not reported")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(open_reports__gt=0)
        if self.value() == "yes":
            return queryset.filter(reports_count__gt=0)
        if self.value() == "no":
            return queryset.filter(reports_count=0)
        return queryset


class PostReportInline(admin.TabularInline):
    model = PostReport
    fields = ["reporter", "reason", "resolved", "created_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "author",
        "habit",
        "kind",
        "short_text",
        "open_reports",
        "reports_count",
        "kudos_count",
        "is_hidden",
        "created_at",
    ]
    list_filter = [ReportedFilter, "is_hidden", "kind"]
    search_fields = ["text", "author__email", "author__display_name"]
    list_select_related = ["author", "habit"]
    raw_id_fields = ["author", "habit"]
    readonly_fields = [
        "author",
        "habit",
        "kind",
        "milestone",
        "image_key",
        "image_content_type",
        "kudos_count",
        "reports_count",
        "created_at",
    ]
    fields = [
        "author",
        "habit",
        "kind",
        "milestone",
        "text",
        "image_key",
        "kudos_count",
        "reports_count",
        "is_hidden",
        "created_at",
    ]
    inlines = [PostReportInline]
    actions = ["hide", "unhide", "resolve_reports", "delete_with_images"]

    def get_queryset(self, request):
        # unresolved reports first, then the most reported: the top of the queue is what
        # needs a moderator (reports_count is kept on the row; only the open ones are counted)
        return (
            super()
            .get_queryset(request)
            .annotate(open_reports=Count("reports", filter=Q(reports__resolved=False)))
            .order_by("-open_reports", "-reports_count", "-id")
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would leave the images behind
        return actions

    @admin.display(ordering="open_reports", description="open reports")
    def open_reports(self, post):
        return post.open_reports

    @admin.display(description="text")
    def short_text(self, post):
        return post.text[:80]

    @admin.action(description="Hide selected posts")
    def hide(self, request, queryset):
        count = posts_set_hidden(post_ids=queryset.values_list("pk", flat=True), hidden=True)
        self.message_user(request, f"{count} post(s) hidden.")

    @admin.action(description="Unhide selected posts")
    def unhide(self, request, queryset):
        count = posts_set_hidden(post_ids=queryset.values_list("pk", flat=True), hidden=False)
        self.message_user(request, f"{count} post(s) shown again.")

    @admin.action(description="Resolve the reports of selected posts")
    def resolve_reports(self, request, queryset):
        count = reports_resolve(post_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, f"{count} report(s) resolved.")

    @admin.action(description="Delete selected posts (and their images)")
    def delete_with_images(self, request, queryset):
        posts_delete_by_moderator(post_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, "Posts deleted.")

    def delete_model(self, request, obj):
        posts_delete_by_moderator(post_ids=[obj.pk])

    def delete_queryset(self, request, queryset):
        posts_delete_by_moderator(post_ids=queryset.values_list("pk", flat=True))


@admin.register(Kudos)
class KudosAdmin(admin.ModelAdmin):
    """Read-only: kudos are the users' own; the counts on the posts follow them."""

    list_display = ["id", "post", "user", "created_at"]
    list_select_related = ["post", "user"]
    raw_id_fields = ["post", "user"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
