# =====================================================================================================================
# 7: Run Patch - THE PLACE FOR YOUR SITE'S OWN PATCHING
# =====================================================================================================================
# "3: PatchServer" runs this runbook after Drain Runbook Server has emptied the server, and restores the server after
# it. Replace the example below with your own patching (Configuration Manager, WSUS, a vendor tool, ...) and keep its
# contract:
#   * the server to patch is $Server (the Initialize Data parameter "Server");
#   * return only when the server is patched, restarted and answering again;
#   * throw on any failure: "3: PatchServer" then restores the server and ends Failed, pointing at this job.
# "3: PatchServer" pins this job to the runbook server it runs on itself, never to the server being patched.
#
# The example installs every pending update with the PSWindowsUpdate module (PowerShell Gallery), restarts the server
# and waits until PowerShell remoting answers again. It needs: PSWindowsUpdate on the patched server and on the
# runbook servers; PowerShell remoting (WinRM) to the patched server; an account that is an administrator there (the
# runbook service account, or the activity's "Run as" account on its Security tab). Windows Update does not download
# over a remote session, so Invoke-WUJob runs the installation as a scheduled task (SYSTEM) on the server, and this
# script waits for that task.
#
# Run .Net Script hosts a 32-bit PowerShell whose version depends on the Orchestrator release (2.0 on 2012), so the
# work runs in the runbook server's 64-bit Windows PowerShell (Restart-Computer -Wait needs 3.0 or later).
# =====================================================================================================================

$Server = "{{Server}}"
$UpdateTimeoutMinutes = 120   # how long installing the updates may take
$RestartTimeoutMinutes = 30   # how long the server may take to answer again after its restart

$work = {
    param([string] $Server, [int] $UpdateTimeoutMinutes, [int] $RestartTimeoutMinutes)
    $ErrorActionPreference = 'Stop'
    Import-Module PSWindowsUpdate

    # 1. Install the updates: a scheduled task named PSWindowsUpdate on the server, started now.
    Invoke-WUJob -ComputerName $Server -RunNow -Confirm:$false -Script {
        Import-Module PSWindowsUpdate
        Install-WindowsUpdate -MicrosoftUpdate -AcceptAll -IgnoreReboot | Out-File 'C:\Windows\Temp\OrchPatch-WindowsUpdate.log'
    }

    $deadline = (Get-Date).AddMinutes($UpdateTimeoutMinutes)
    do {
        Start-Sleep -Seconds 30
        $state = Invoke-Command -ComputerName $Server -ScriptBlock { (Get-ScheduledTask -TaskName 'PSWindowsUpdate').State.ToString() }
        if ((Get-Date) -gt $deadline) {
            throw "Installing updates on $Server did not finish within $UpdateTimeoutMinutes minutes (task state: $state)."
        }
    } while ($state -eq 'Running' -or $state -eq 'Queued')

    $result = Invoke-Command -ComputerName $Server -ScriptBlock { (Get-ScheduledTaskInfo -TaskName 'PSWindowsUpdate').LastTaskResult }
    if ($result -ne 0) {
        throw "Installing updates on $Server failed: the PSWindowsUpdate task ended with result $result. See C:\Windows\Temp\OrchPatch-WindowsUpdate.log on $Server."
    }

    # 2. Restart, and wait until PowerShell remoting answers again.
    Restart-Computer -ComputerName $Server -Force -Wait -For PowerShell -Timeout ($RestartTimeoutMinutes * 60) -Delay 15

    # 3. The final check: the server answers.
    $name = Invoke-Command -ComputerName $Server -ScriptBlock { $env:COMPUTERNAME }
    "Patched and restarted $Server; it answers as $name."
}

$powershell = Join-Path $env:windir 'sysnative\WindowsPowerShell\v1.0\powershell.exe'
if (-not (Test-Path $powershell)) { $powershell = Join-Path $env:windir 'System32\WindowsPowerShell\v1.0\powershell.exe' }
$output = & $powershell -NoProfile -NonInteractive -ExecutionPolicy Bypass -Command $work -args $Server, $UpdateTimeoutMinutes, $RestartTimeoutMinutes 2>&1 | Out-String
if ($LASTEXITCODE -ne 0) {
    throw "Patching $Server failed (exit code $LASTEXITCODE): $output"
}
$output
