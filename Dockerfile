# syntax=docker/dockerfile:1
# One image for api, worker, beat and bot; the command picks the process (see docker-compose.yml).

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN apt-get update && apt-get install -y --no-install-recommends build-essential \
    && rm -rf /var/lib/apt/lists/*
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
COPY requirements.txt .
RUN pip install -r requirements.txt

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/opt/venv/bin:$PATH" \
    DJANGO_SETTINGS_MODULE=atomic_habits_tracker.settings.prod
RUN useradd --create-home --uid 10001 app
# pg_dump/pg_restore/psql for backups (docs/operations.md): of the server's major version or newer
# (compose runs PostgreSQL 16; Debian 12 ships 15), so from the PostgreSQL project's apt repository.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-common ca-certificates \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-16 \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
# The code stays owned by root: the process runs as `app` and can read it but not change it.
COPY . .
# collectstatic imports the production settings, which need a key and host names. The key is a
# throwaway made here: it signs nothing and is not kept in the image.
RUN DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DJANGO_ALLOWED_HOSTS=build.invalid python manage.py collectstatic --noinput -v0
# The only places the process writes: logs/ (a volume in docker-compose.yml) and var/.
RUN mkdir -p logs var && chown -R app:app logs var
USER app
EXPOSE 8000
CMD ["gunicorn", "atomic_habits_tracker.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
