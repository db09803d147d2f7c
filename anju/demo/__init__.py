"""The demo city: a generated registry with polls, funding plans, projects and publicity, built
through the same services a bureau's own data passes. It sits above every other app and none
depends on it."""
