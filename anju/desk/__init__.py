"""我的待办: what waits for a user today, each item a link to where it is done."""
