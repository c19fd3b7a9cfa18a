# earshot roles for the production shape (docker-compose.yml). The CLI runs
# from the esbuild bundle in dist/, built here so a container starts fast.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# npm install, not npm ci: see scripts/setup.sh (npm 11 lock files and optional native packages).
RUN npm install --omit=dev --no-audit --no-fund
COPY . .
RUN node scripts/build.mjs
USER node
ENTRYPOINT ["node", "bin/earshot.js"]
CMD ["start"]
