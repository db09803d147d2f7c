"""Public notices (公示): posting, objections and their answers, and the owners' sign-off of a
plan; a part of participation with its own pages."""
