# 4: WaitRunbook holds the last job slot of a runbook server while it is patched.
# Drain Runbook Server sets the server's max jobs to 1 and starts this runbook pinned to that server, so this job
# occupies the one slot left and nothing else can start there. Its Initialize Data parameters are the maintenance
# record (server, previous max jobs, owner, start time, reason): Restore Runbook Server reads them back, puts the
# max jobs back and then stops this job. Add no work here: the job must run until Restore Runbook Server stops it.
while ($true) { Start-Sleep -Seconds 60 }
