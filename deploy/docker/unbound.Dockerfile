# A validating recursive resolver for the scanner (DNSSEC on, its own cache), from Debian.
FROM debian:bookworm-slim
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends unbound ca-certificates dns-root-data \
 && rm -rf /var/lib/apt/lists/*
COPY deploy/docker/unbound.conf /etc/unbound/unbound.conf
EXPOSE 53/udp 53/tcp
ENTRYPOINT ["unbound", "-d", "-c", "/etc/unbound/unbound.conf"]
