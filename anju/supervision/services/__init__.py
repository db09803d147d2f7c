"""The supervision writes: records of closing, publicity and task reports, bulletins written,
and standings kept."""
