"""The audit log's pages, for its auditors: searched and exported. The log itself, and the
writing of it, is anju.audit, beneath every app that writes."""
