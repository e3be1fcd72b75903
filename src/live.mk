# The store of snapshots, the poller thread and demo mode.
