from rest_framework.pagination import PageNumberPagination

from core.exceptions import ValidationFailed


class StandardPagination(PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request):
        """A page_size that is not a positive integer is a 400, not silently the default (the
        schema says integer; found by fuzzing). Above max_page_size it is capped, as documented."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not (raw.isascii() and raw.isdigit()) or int(raw) < 1:
            raise ValidationFailed(
                fields={self.page_size_query_param: ["A positive whole number is required."]}
            )
        return min(int(raw), self.max_page_size)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = f"Results per page; above {self.max_page_size} capped."
        return parameters
