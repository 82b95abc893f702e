# Tack's image: the server (Node 24 runs the TypeScript sources directly) and the built web client.
# One container runs the cluster supervisor with N workers; HAProxy, PostgreSQL and Redis run in
# their own containers (docker-compose.yml). The same topology is tested as plain processes in
# packages/server/test/ops-cluster.test.ts (no Docker engine runs in CI).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build --workspaces --if-present

FROM node:24-bookworm-slim
# pg_dump/pg_restore for `npm run backup` and `npm run restore` against PostgreSQL.
RUN apt-get update && apt-get install -y --no-install-recommends postgresql-client \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY packages/shared/src packages/shared/src
COPY packages/server/src packages/server/src
COPY --from=build /app/packages/web/dist packages/web/dist
COPY deploy deploy
# /var/run/tack-haproxy becomes a volume shared with the HAProxy container (its runtime API
# socket, for the rolling restart); sticky and world-writable so either container's user can use it.
RUN mkdir -p /app/data /var/run/tack-haproxy && chown node:node /app/data && chmod 1777 /var/run/tack-haproxy
USER node
# Workers listen on 3001.. (TACK_BASE_PORT); HAProxy in its own container reaches them by name.
ENV TACK_WORKER_HOST=0.0.0.0 TACK_BASE_PORT=3001 TACK_DATA_DIR=/app/data
EXPOSE 3001 3002
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:3001/livez').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "packages/server/src/cluster/main.ts", "--workers", "2", "--no-haproxy"]
