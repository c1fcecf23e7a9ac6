#!/usr/bin/env bash
# Linux: build and test the solution, then package artifacts/: the MSI (wixl), the sample runbooks and the Invoke .NET
# bundle. The .oip needs Windows with the Orchestrator Integration Toolkit (packaging/build.ps1, through build.cmd).
# Usage: packaging/build.sh [--configuration Release|Debug] [--skip-tests]
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
skip_tests=false
while [ $# -gt 0 ]; do
  case "$1" in
    --configuration|-c) configuration="${2:?--configuration needs a value (Release or Debug)}"; shift 2 ;;
    --skip-tests) skip_tests=true; shift ;;
    -h|--help) sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument '$1'; see packaging/build.sh --help" >&2; exit 2 ;;
  esac
done

# Nothing is installed here: say exactly what is missing and how to get it (.ci/run installs it on CI).
missing=()
for tool in wixl msiinfo; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
if [ ${#missing[@]} -gt 0 ]; then
  echo "build.sh: ${missing[*]} not found. Install them with: sudo apt-get install -y wixl msitools" >&2
  exit 1
fi

echo "== build and test ($configuration)"
if $skip_tests; then
  dotnet build OrchPatchIP.sln -c "$configuration" --nologo
else
  dotnet test OrchPatchIP.sln -c "$configuration" --nologo
fi

assemblies="src/OrchPatch.Activities/bin/$configuration/net472"
pack() { dotnet "src/OrchPatch.Pack.Tool/bin/$configuration/net10.0/orchpatch-pack.dll" "$@"; }
orchpatch() { dotnet "src/OrchPatch.Cli/bin/$configuration/net10.0/orchpatch.dll" "$@"; }

artifacts=artifacts
msi="$artifacts/$(pack file-name msi)"
runbooks="$artifacts/runbooks/$(pack file-name runbooks)"
rm -rf "$artifacts"
mkdir -p "$artifacts/obj"

echo "== MSI (wixl)"
pack wxs --assemblies "$assemblies" --out "$artifacts/obj/pack.wxs"
wixl -o "$msi" "$artifacts/obj/pack.wxs"
# The File table must hold exactly the shipped assemblies (never the QIK SDK DLL).
installed="$(msiinfo export "$msi" File | tail -n +4 | cut -f3 | sort)"
expected="$(pack shipped-files | tr -d '\r' | sort)"
if [ "$installed" != "$expected" ]; then
  printf 'build.sh: %s installs\n%s\nbut the pack definition ships\n%s\n' "$msi" "$installed" "$expected" >&2
  exit 1
fi
echo "$msi installs: $(echo "$installed" | tr '\n' ' ')"

echo "== sample runbooks"
orchpatch runbooks --out "$artifacts/runbooks"
orchpatch runbooks --check "$runbooks"

echo "== Invoke .NET bundle"
pack bundle --assemblies "$assemblies" --msi "$msi" --runbooks "$runbooks" --out "$artifacts/$(pack file-name bundle)"

echo "OIP: needs Windows with the Orchestrator Integration Toolkit (Integration Pack Wizard); everything else was built."
rm -rf "$artifacts/obj"
ls -l "$artifacts" "$artifacts/runbooks"
