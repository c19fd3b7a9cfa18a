# earshot roles for the production shape (docker-compose.yml). Runs the
# TypeScript sources through tsx, as on a developer machine.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
ENTRYPOINT ["node", "bin/earshot.js"]
CMD ["start"]
