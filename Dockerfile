# syntax=docker/dockerfile:1
# threatmesh hub image: `docker build -t threatmesh .`
#   docker run -p 4000:4000 -v threatmesh-data:/app/data threatmesh          (embedded SQLite)
#   docker run -e DATABASE_URL=mariadb://user:pass@db:3306/threatmesh threatmesh migrate
#   docker run … threatmesh feeds list --enabled                            (any CLI command, README "CLI")
# Settings come from environment variables (README, "Configuration"). The runtime stage holds only what the
# hub runs: production dependencies, the compiled server and migrations, the console, bin/ — no tests,
# benchmarks, scripts, TypeScript sources or dev dependencies.

# ---- build: compile TypeScript (and the migrations) and keep only production dependencies ----------
FROM node:20-bookworm-slim AS build
# better-sqlite3 is a native addon: it needs a toolchain when no prebuilt binary fits.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && rm -rf dist/test dist/bench dist/scripts dist/codegen.js dist/codegen.js.map \
 && npm prune --omit=dev

# ---- runtime ----------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./package.json
COPY --from=build --chown=node:node /app/node_modules ./node_modules
# dist holds the server and the compiled migrations (dist/migrations/{sqlite,mysql}).
COPY --from=build --chown=node:node /app/dist ./dist
# The `threatmesh` command (package.json "bin"): loads dist/src/cli.js.
COPY --from=build --chown=node:node /app/bin ./bin
# The web console's pages and scripts, served as they are (tsc compiles only .ts).
COPY --from=build --chown=node:node /app/console ./console
# The default DATABASE_URL is sqlite:./data/threatmesh.sqlite: give the non-root user a place to write it.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
EXPOSE 4000
# Liveness only: a replica that cannot reach Redis or the database is not ready (/readyz), but restarting it
# would not help.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/livez').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# `docker run IMAGE migrate` or `docker run IMAGE bootstrap` run the other CLI commands.
ENTRYPOINT ["node", "bin/threatmesh.js"]
CMD ["serve"]
