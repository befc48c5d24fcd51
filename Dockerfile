# syntax=docker/dockerfile:1
# Connect Invites as a container: built in one stage, run from a slim Node LTS image as a
# non-root user. Not built on the machine this was written on (it reaches no image registry):
# see README, "Container".

# --- build: dependencies, the Prisma client, the compiled app --------------------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# npm ci runs the postinstall, `prisma generate`: the client is generated here, at build. Prisma's
# schema engine is not needed for that (prisma.config.ts lets generate run without one, offline).
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# --- runtime: only what `node dist/src/main.js` reads ----------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
# The app applies pending migrations itself at start-up (src/db/migrator.ts), from here.
COPY --from=build --chown=node:node /app/prisma/migrations ./prisma/migrations
USER node
EXPOSE 3000
# Liveness only: /livez answers while the process is alive, whatever the database's state, so a
# database outage does not get every replica restarted. Orchestrators route traffic by /readyz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/livez`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# As `npm start` runs it (package.json), without npm in between: signals reach the app directly.
CMD ["node", "--heap-growing-percent=100", "dist/src/main.js"]
