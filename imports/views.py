"""Thin views: the account export in three formats, its jobs, and import jobs."""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsing import validated_body
from core.schema import ErrorSerializer
from imports import selectors
from imports.serializers import (
    ExportInputSerializer,
    ExportJobOutputSerializer,
    ImportInputSerializer,
    ImportJobOutputSerializer,
)
from imports.services.exports import (
    account_export_file,
    account_export_is_large,
    export_job_create,
)
from imports.services.imports import import_job_create, import_upload_size_check

# Room for the multipart boundaries and part headers around the file itself.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


class ExportFormatNegotiation(DefaultContentNegotiation):
    """`?format=` on the export names the file's format (json, csv, xlsx), not one of DRF's
    renderers (its URL_FORMAT_OVERRIDE, which would answer 404 to `xlsx`): the export's own
    answers (202, errors) are always JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class AccountExportApi(APIView):
    content_negotiation_class = ExportFormatNegotiation

    @extend_schema(
        parameters=[
            OpenApiParameter("format", enum=["json", "csv", "xlsx"], description="Default json.")
        ],
        responses={
            200: OpenApiResponse(
                description="The file: JSON (one key per section), a zip of CSV tables, or an "
                "xlsx workbook."
            ),
            202: ExportJobOutputSerializer,
            400: ErrorSerializer,
        },
    )
    def get(self, request):
        # a plain dict: DRF reads an empty `?format=` of a QueryDict as absent (the default)
        serializer = ExportInputSerializer(data=request.query_params.dict())
        serializer.is_valid(raise_exception=True)
        export_format = serializer.validated_data["format"]
        if account_export_is_large(user=request.user):
            job = export_job_create(
                user=request.user, export_format=export_format, now=timezone.now()
            )
            return Response(ExportJobOutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)
        built = account_export_file(user=request.user, export_format=export_format)
        response = HttpResponse(built.data, content_type=built.content_type)
        response["Content-Disposition"] = content_disposition_header(True, built.filename)
        return response


class ExportJobApi(APIView):
    @extend_schema(responses={200: ExportJobOutputSerializer, 404: ErrorSerializer})
    def get(self, request, pk):
        job = selectors.export_job_get_for_user(user=request.user, job_id=pk)
        return Response(ExportJobOutputSerializer(job).data)


class ImportCreateApi(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema(
        request={"multipart/form-data": ImportInputSerializer},
        responses={
            202: ImportJobOutputSerializer,
            400: OpenApiResponse(
                ErrorSerializer,
                description="`invalid` (no file) or `import_file_invalid`: the file is not one "
                "of the accepted formats or is malformed; the message says where.",
            ),
            413: OpenApiResponse(ErrorSerializer, description="`file_too_large`."),
        },
    )
    def post(self, request):
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0) - MULTIPART_OVERHEAD_BYTES
        except ValueError:
            declared = None
        import_upload_size_check(declared)  # refused before the body is read
        data = validated_body(ImportInputSerializer, request)
        upload = data["file"]
        import_upload_size_check(upload.size)
        job = import_job_create(
            user=request.user,
            data=upload.read(),
            original_name=upload.name or "",
            source=data.get("source"),
            now=timezone.now(),
        )
        return Response(ImportJobOutputSerializer(job).data, status=status.HTTP_202_ACCEPTED)


class ImportJobApi(APIView):
    @extend_schema(responses={200: ImportJobOutputSerializer, 404: ErrorSerializer})
    def get(self, request, pk):
        job = selectors.import_job_get_for_user(user=request.user, job_id=pk)
        return Response(ImportJobOutputSerializer(job).data)
