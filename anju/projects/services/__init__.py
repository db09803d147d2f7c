"""The projects' writes: stages, works on site, approvals and utility works."""
