@echo off
rem Windows: build, test and package OrchPatchIP (the Integration Toolkit, if installed, supplies the real QIK SDK).
rem Usage: build.cmd [Release|Debug]
setlocal
set CONFIG=%1
if "%CONFIG%"=="" set CONFIG=Release
cd /d "%~dp0"

dotnet test OrchPatchIP.sln -c %CONFIG% --nologo || goto :failed

if exist packaging\build.ps1 (
  powershell -NoProfile -ExecutionPolicy Bypass -File packaging\build.ps1 -Configuration %CONFIG% || goto :failed
)

echo Build succeeded.
exit /b 0

:failed
echo Build FAILED.
exit /b 1
