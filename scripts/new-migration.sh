#!/usr/bin/env bash
# Writes a new migration from the difference between the committed schema (git HEAD) and the working
# copy of prisma/schema.prisma. Needs no database: `prisma migrate dev` on PGlite cannot replay
# existing migrations into its shadow database (pglite-prisma-adapter 0.6 runs scripts as prepared
# statements), so we diff the two schemas instead.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: npm run db:migration -- <name_in_snake_case>}"
old="$(mktemp --suffix=.prisma)"
trap 'rm -f "$old"' EXIT
git show HEAD:prisma/schema.prisma > "$old"
# An in-memory embedded database: with a file-backed one the CLI never exits (seen with Prisma 6.19).
sql="$(ACTIONBOT_DATA_DIR=memory:// timeout 120 npx prisma migrate diff --from-schema-datamodel "$old" --to-schema-datamodel prisma/schema.prisma --script)"
if [ -z "$(printf '%s\n' "$sql" | { grep -v '^--' || true; } | tr -d '[:space:]')" ]; then
  echo "prisma/schema.prisma has no changes against HEAD: no migration written." >&2
  exit 1
fi
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_${name}"
mkdir -p "$dir"
printf '%s\n' "$sql" > "$dir/migration.sql"
echo "Wrote $dir/migration.sql"
