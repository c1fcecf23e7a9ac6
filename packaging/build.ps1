<#
.SYNOPSIS
    Windows packaging of OrchPatchIP, called by build.cmd after it has built and tested the solution.

.DESCRIPTION
    Writes artifacts\: the MSI (WiX 3.11 candle/light, from the WiX source generated from oip\pack.json), the sample
    runbooks, the Invoke .NET bundle, and artifacts\wizard\: everything the Integration Pack Wizard asks for, with
    WIZARD.md saying what to enter on each page. If the Integration Toolkit is installed it starts IPWizard.exe, waits
    for it, checks the .oip it wrote (a ZIP with a .CAP, an .MSI and the EULA; every activity present) and regenerates
    the sample runbooks with the activity GUIDs of that .oip. The wizard itself cannot be scripted.

.PARAMETER Configuration
    The build configuration whose output is packaged (Release or Debug).

.PARAMETER SkipWizard
    Stage the wizard's inputs but do not start the wizard (unattended builds).

.PARAMETER Target
    Which Integration Pack the wizard builds: 2019 (Orchestrator 2012 to 2019) or 2022 (Orchestrator 2022, 64-bit).
    Default: 2022 when the 2022 Integration Toolkit is installed (C:\Program Files\...), else 2019. Both MSIs are
    always built; the .oip is built by the toolkit installed here, for its own Orchestrator version.
#>
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',
    [switch] $SkipWizard,
    [ValidateSet('', '2019', '2022')]
    [string] $Target = ''
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3
$root = Split-Path -Parent $PSScriptRoot
Set-Location $root

$assemblies = Join-Path $root "src\OrchPatch.Activities\bin\$Configuration\net472"
$packTool = Join-Path $root "src\OrchPatch.Pack.Tool\bin\$Configuration\net10.0\orchpatch-pack.dll"
$cliTool = Join-Path $root "src\OrchPatch.Cli\bin\$Configuration\net10.0\orchpatch.dll"
$artifacts = Join-Path $root 'artifacts'

# Runs a program and stops the build when it fails; returns its output lines. Exit codes in $Allowed also pass.
function Invoke-Checked([string] $File, [string[]] $Arguments, [int[]] $Allowed = @(0)) {
    $output = & $File @Arguments
    if ($Allowed -notcontains $LASTEXITCODE) {
        throw "$File $($Arguments -join ' ') failed (exit code $LASTEXITCODE)."
    }
    return $output
}

function Invoke-Pack([string[]] $Arguments, [int[]] $Allowed = @(0)) { Invoke-Checked 'dotnet' (@($packTool) + $Arguments) $Allowed }
function Invoke-OrchPatch([string[]] $Arguments) { Invoke-Checked 'dotnet' (@($cliTool) + $Arguments) }

# WiX 3.11 (the Integration Toolkit requires it): the WIX variable its installer sets, else its default folder.
function Find-WixBin {
    $candidates = @()
    if ($env:WIX) { $candidates += (Join-Path $env:WIX 'bin') }
    $candidates += (Join-Path ${env:ProgramFiles(x86)} 'WiX Toolset v3.11\bin')
    foreach ($candidate in $candidates) {
        if (Test-Path (Join-Path $candidate 'candle.exe')) { return $candidate }
    }
    throw "WiX Toolset 3.11 not found in $($candidates -join ', '). Install WiX 3.11 (the Integration Toolkit needs it too) or set WIX to its folder."
}

# IPWizard.exe in the Integration Toolkit's Bin folder (2022+, 2016/2019, 2012 and R2 layouts).
function Find-IPWizard {
    $bins = @(
        "$env:ProgramFiles\Microsoft System Center\Orchestrator\Integration Toolkit\Bin",
        "${env:ProgramFiles(x86)}\Microsoft System Center\Orchestrator\Integration Toolkit\Bin",
        "${env:ProgramFiles(x86)}\Microsoft System Center 2012\Orchestrator\Integration Toolkit\Bin",
        "${env:ProgramFiles(x86)}\Common Files\Microsoft System Center 2012\Orchestrator\Integration Toolkit\Bin"
    )
    foreach ($bin in $bins) {
        $wizard = Join-Path $bin 'IPWizard.exe'
        if (Test-Path $wizard) { return $wizard }
    }
    Write-Host "IPWizard.exe not found in: $($bins -join '; ')"
    return $null
}

if (-not $Target) {
    $Target = if (Test-Path "$env:ProgramFiles\Microsoft System Center\Orchestrator\Integration Toolkit") { '2022' } else { '2019' }
}
Write-Host "Integration Pack target: $Target (the .oip is for this Orchestrator version)"
$bundleName = (Invoke-Pack @('file-name', 'bundle')).Trim()
$oip = Join-Path $artifacts ((Invoke-Pack @('file-name', 'oip', '--target', $Target)).Trim())
$runbooksDir = Join-Path $artifacts 'runbooks'
$runbooks = Join-Path $runbooksDir ((Invoke-Pack @('file-name', 'runbooks')).Trim())
$obj = Join-Path $artifacts 'obj'
New-Item -ItemType Directory -Force -Path $obj, $runbooksDir | Out-Null

Write-Host '== MSIs (WiX 3.11): 2019 = x86, C:\Program Files (x86); 2022 = x64 (candle -arch x64), C:\Program Files'
$wixBin = Find-WixBin
$msis = @{}
foreach ($msiTarget in @('2019', '2022')) {
    $arch = if ($msiTarget -eq '2022') { 'x64' } else { 'x86' }
    $msis[$msiTarget] = Join-Path $artifacts ((Invoke-Pack @('file-name', 'msi', '--target', $msiTarget)).Trim())
    Invoke-Pack @('wxs', '--target', $msiTarget, '--assemblies', $assemblies, '--out', (Join-Path $obj "pack-$msiTarget.wxs")) | Write-Host
    # The .wxs names its files relative to its own folder: candle and light run there.
    Push-Location $obj
    try {
        Invoke-Checked (Join-Path $wixBin 'candle.exe') @('-nologo', '-arch', $arch, '-out', "pack-$msiTarget.wixobj", "pack-$msiTarget.wxs") | Write-Host
        Invoke-Checked (Join-Path $wixBin 'light.exe') @('-nologo', '-b', $obj, '-out', $msis[$msiTarget], "pack-$msiTarget.wixobj") | Write-Host
    }
    finally {
        Pop-Location
    }
}
Write-Host '== sample runbooks (activity GUIDs of the pack definition)'
Invoke-OrchPatch @('runbooks', '--out', $runbooksDir) | Write-Host

Write-Host '== Invoke .NET bundle'
Invoke-Pack @('bundle', '--assemblies', $assemblies, '--msi-2019', $msis['2019'], '--msi-2022', $msis['2022'], '--runbooks', $runbooks, '--out', (Join-Path $artifacts $bundleName)) | Write-Host

Write-Host '== Integration Pack Wizard'
# Exit code 3: staged, but the assembly lacks activity classes, so the wizard cannot build the pack yet.
$staging = Join-Path $artifacts 'wizard'
Invoke-Pack @('stage-wizard', '--assemblies', $assemblies, '--out', $staging, '--oip', $oip) @(0, 3) | Write-Host
if ($LASTEXITCODE -eq 3) {
    Write-Host "OIP: not built: $((Split-Path -Leaf $assemblies)) lacks activity classes (see above). Everything else was built."
    exit 0
}

$wizard = if ($SkipWizard) { $null } else { Find-IPWizard }
if (-not $wizard) {
    Write-Host "OIP: not built here; run IPWizard.exe on a machine with the Orchestrator Integration Toolkit and enter what $staging\WIZARD.md says. Everything else was built."
    exit 0
}

$before = if (Test-Path $oip) { (Get-Item $oip).LastWriteTimeUtc } else { [DateTime]::MinValue }
Write-Host "Starting $wizard. Enter what is printed above (also in $staging\WIZARD.md); write the pack to $oip."
Start-Process -FilePath $wizard -Wait
if (-not (Test-Path $oip) -or (Get-Item $oip).LastWriteTimeUtc -le $before) {
    throw "The wizard closed without writing $oip. Run build.cmd again, or run IPWizard.exe yourself and then: dotnet $packTool check-oip $oip"
}

Invoke-Pack @('check-oip', $oip) | Write-Host
Write-Host '== sample runbooks (activity GUIDs of the .oip)'
Invoke-OrchPatch @('runbooks', '--out', $runbooksDir, '--oip', $oip) | Write-Host
Invoke-Pack @('bundle', '--assemblies', $assemblies, '--msi-2019', $msis['2019'], '--msi-2022', $msis['2022'], '--runbooks', $runbooks, '--out', (Join-Path $artifacts $bundleName)) | Write-Host
Write-Host "OIP: $oip"
