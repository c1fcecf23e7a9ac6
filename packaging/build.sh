#!/usr/bin/env bash
# Linux: build and test the solution, then package artifacts/: the MSI (wixl), the sample runbooks, the Invoke .NET
# bundle, and `orchpatch` (a .NET tool package and self-contained single-file win-x64 and linux-x64 executables).
# The .oip needs Windows with the Orchestrator Integration Toolkit (packaging/build.ps1, through build.cmd).
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
not_built=()
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

echo "== orchpatch as a .NET tool"
dotnet pack src/OrchPatch.Cli -c "$configuration" -o "$artifacts/tool" --nologo
version="$(pack version | tr -d '\r')"
tool_dir="$artifacts/obj/tool-install"
# Installed from the package just written, as an administrator would (`dotnet tool install`), and started.
dotnet tool install orchpatch --version "$version" --tool-path "$tool_dir" --add-source "$artifacts/tool" --ignore-failed-sources
"$tool_dir/orchpatch" --version
"$tool_dir/orchpatch" --help | sed -n 1p

echo "== orchpatch self-contained single-file executables"
# The runtime packs (Microsoft.NETCore.App.Runtime.<rid>, .Host.<rid>) come from the NuGet feed; when one cannot be
# restored the executable for that platform is not built and the build says so (nothing is faked).
for rid in linux-x64 win-x64; do
  out="$artifacts/obj/publish-$rid"
  if dotnet publish src/OrchPatch.Cli -c "$configuration" -r "$rid" --self-contained -p:PublishSingleFile=true \
       -p:EnableCompressionInSingleFile=true -o "$out" --nologo; then
    exe=orchpatch; [ "$rid" = win-x64 ] && exe=orchpatch.exe
    cp "$out/$exe" "$artifacts/orchpatch-$version-$rid${exe#orchpatch}"
  else
    echo "build.sh: orchpatch for $rid NOT built: dotnet publish -r $rid failed (is Microsoft.NETCore.App.Runtime.$rid on the NuGet feed?)." >&2
    not_built+=("orchpatch-$version-$rid")
  fi
done
linux_exe="$artifacts/orchpatch-$version-linux-x64"
if [ -x "$linux_exe" ]; then
  # It starts on a machine without the .NET runtime's help: no DOTNET_ROOT, and it is not run through dotnet.
  env -u DOTNET_ROOT "$linux_exe" --version
  env -u DOTNET_ROOT "$linux_exe" --help | sed -n 1p
fi
echo "orchpatch-$version-win-x64.exe: built on Linux, not run here (needs Windows x64)."

if [ ${#not_built[@]} -gt 0 ]; then echo "NOT built: ${not_built[*]}"; fi
echo "OIP: needs Windows with the Orchestrator Integration Toolkit (Integration Pack Wizard); everything else was built."
rm -rf "$artifacts/obj"
ls -l "$artifacts" "$artifacts/runbooks" "$artifacts/tool"
