"""The moderation queue: posts filtered to the reported ones, with their report counts and the
reports themselves; actions hide, unhide and delete (images go after commit, as the author's
delete does)."""

from django.contrib import admin
from django.db.models import Count

from community.models import Post, PostReport
from community.services import posts_delete_by_moderator, posts_set_hidden


class ReportedFilter(admin.SimpleListFilter):
    title = "reports"
    parameter_name = "reported"

    def lookups(self, request, model_admin):
        return [("yes", "Reported"), ("no", "Not reported")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(report_count__gt=0)
        if self.value() == "no":
            return queryset.filter(report_count=0)
        return queryset


class PostReportInline(admin.TabularInline):
    model = PostReport
    fields = ["reporter", "reason", "created_at"]
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
        "report_count",
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
        "is_hidden",
        "created_at",
    ]
    inlines = [PostReportInline]
    actions = ["hide", "unhide", "delete_with_images"]

    def get_queryset(self, request):
        # the most reported first: the top of the queue is what needs a moderator
        return (
            super()
            .get_queryset(request)
            .annotate(report_count=Count("reports"))
            .order_by("-report_count", "-id")
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would leave the images behind
        return actions

    @admin.display(ordering="report_count", description="reports")
    def report_count(self, post):
        return post.report_count

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

    @admin.action(description="Delete selected posts (and their images)")
    def delete_with_images(self, request, queryset):
        posts_delete_by_moderator(post_ids=queryset.values_list("pk", flat=True))
        self.message_user(request, "Posts deleted.")

    def delete_model(self, request, obj):
        posts_delete_by_moderator(post_ids=[obj.pk])

    def delete_queryset(self, request, queryset):
        posts_delete_by_moderator(post_ids=queryset.values_list("pk", flat=True))
