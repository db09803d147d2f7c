"""What the supervision pages, reports and workbooks read: alerts, the dashboard's figures,
the districts' assessment, the renovation ledger, the tasks and the standings they are read from."""
