"""Anju's domain core: the program's rules as plain, typed Python.

Nothing here imports Django or any Anju app; the apps turn rows into the dataclasses defined
here, call the rules and persist what they return. That keeps every rule testable in
milliseconds and reusable from the web, the API, the command line and background jobs alike.
"""
