pytest_plugins = ["anju.testing"]
