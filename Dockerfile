# PermitBot: slim Python, non-root user, data on a volume, no secrets baked in.
# The base image is pinned by version; pin its digest too (python:3.11.13-slim-bookworm@sha256:…)
# where the registry is reachable, so a rebuild gets the same system.
FROM python:3.11.13-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATA_DIR=/data \
    HEALTH_PORT=8081 \
    HEALTH_HOST=0.0.0.0

WORKDIR /app
# Dependencies first (pinned by constraints.txt): a code change does not reinstall them.
COPY pyproject.toml constraints.txt README.md ./
RUN python -c "import tomllib; deps = tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']; open('/tmp/requirements.txt', 'w').write('\n'.join(deps))" \
    && pip install -c constraints.txt -r /tmp/requirements.txt

COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
# Fail the build, not the first start: the code imports and the rules data loads and validates.
RUN pip install --no-deps . \
    && python -c "import bot.__main__, bot.webhook, bot.health; from knowledge.loader import load_knowledge; load_knowledge()" \
    && useradd --system --uid 10001 --home-dir /app permitbot \
    && mkdir -p /data && chown permitbot /data

USER permitbot
VOLUME ["/data"]
# 8080: the webhook (WEBHOOK_URL set, behind a TLS proxy); 8081: /healthz, /readyz, /metrics.
EXPOSE 8080 8081
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot.healthcheck"]
# BOT_TOKEN (and WEBHOOK_URL, WEBHOOK_SECRET, ...) come from the environment at run time; without
# BOT_TOKEN the container exits 2 with one line instead of looping on a local chat.
CMD ["python", "-m", "bot"]
