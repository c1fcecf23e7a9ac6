# 3: PatchServer, failure path: "7: Run Patch" failed (or ended with a warning) and the second Restore Runbook Server
# has given the server back to Orchestrator. Throwing here ends this runbook as Failed, so the failure is seen.
throw "Patching {{Server}} failed; the server was restored. See the Run Patch job."
