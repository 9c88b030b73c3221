# PermitBot: slim Python, non-root user, data on a volume, no secrets baked in.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DATA_DIR=/data

WORKDIR /app
COPY pyproject.toml constraints.txt README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY knowledge ./knowledge
RUN pip install -c constraints.txt . \
    && useradd --system --uid 10001 --home-dir /app permitbot \
    && mkdir -p /data && chown permitbot /data

USER permitbot
VOLUME ["/data"]
# BOT_TOKEN (and optionally TELEGRAM_API_URL) come from the environment at run time.
CMD ["python", "-m", "bot"]
