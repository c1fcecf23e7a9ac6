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
build_log="$(mktemp)"
trap 'rm -f "$build_log"' EXIT
if $skip_tests; then
  dotnet build OrchPatchIP.sln -c "$configuration" --nologo | tee "$build_log"
else
  dotnet test OrchPatchIP.sln -c "$configuration" --nologo | tee "$build_log"
fi

assemblies="src/OrchPatch.Activities/bin/$configuration/net472"
pack() { dotnet "src/OrchPatch.Pack.Tool/bin/$configuration/net10.0/orchpatch-pack.dll" "$@"; }
orchpatch() { dotnet "src/OrchPatch.Cli/bin/$configuration/net10.0/orchpatch.dll" "$@"; }

# Which QIK SDK the net472 activities were compiled against (build/QikSdk.targets prints it): the real toolkit DLL
# is never in the repository; on Linux it is the repository's stand-in with the same identity. An incremental build
# that skipped the compile prints nothing: then build/QikSdk.targets' order (QikSdkPath, installed toolkit, stand-in)
# decides, and here, with neither, it is the stand-in.
qik_sdk="$(grep -o 'OrchPatch.Activities (net472): QIK SDK = .*' "$build_log" | head -n 1 | sed 's/^OrchPatch.Activities (net472): QIK SDK = //')"
if [ -z "$qik_sdk" ]; then
  qik_sdk="not recompiled in this build; no QikSdkPath and no Integration Toolkit on Linux, so the repository's compile-time reference (ref/Microsoft.SystemCenter.Orchestrator.Integration)"
fi
echo "QIK SDK: $qik_sdk"
case "$qik_sdk" in
  *"the real DLL"*) ;;
  *) echo "QIK SDK: Microsoft's Integration Toolkit DLL is not installed here (it is never committed): both MSIs hold activities compiled against the stand-in, which has the 2012 toolkit's identity (7.0.0.0). A 2022 pack compiled against the 2022 toolkit's DLL needs Windows with that toolkit (packaging/build.ps1)." ;;
esac

artifacts=artifacts
runbooks="$artifacts/runbooks/$(pack file-name runbooks)"
not_built=()
rm -rf "$artifacts"
mkdir -p "$artifacts/obj"

# One MSI per Orchestrator generation: 2012-2019 (x86, C:\Program Files (x86)) and 2022 (x64, C:\Program Files, Win64
# components). Each File table must hold exactly the shipped assemblies (never the QIK SDK DLL).
expected="$(pack shipped-files | tr -d '\r' | sort)"
for target in 2019 2022; do
  msi="$artifacts/$(pack file-name msi --target "$target" | tr -d '\r')"
  echo "== MSI for target $target (wixl)"
  pack wxs --target "$target" --assemblies "$assemblies" --out "$artifacts/obj/pack-$target.wxs"
  arch=x86; folder=ProgramFilesFolder; attributes=0; template=Intel
  if [ "$target" = 2022 ]; then arch=x64; folder=ProgramFiles64Folder; attributes=256; template=x64; fi
  wixl -a "$arch" -o "$msi" "$artifacts/obj/pack-$target.wxs"
  installed="$(msiinfo export "$msi" File | tail -n +4 | cut -f3 | sort)"
  if [ "$installed" != "$expected" ]; then
    printf 'build.sh: %s installs\n%s\nbut the pack definition ships\n%s\n' "$msi" "$installed" "$expected" >&2
    exit 1
  fi
  # The platform (summary Template), every component's 64-bit attribute (256) and the install folder's parent.
  msi_template="$(msiinfo suminfo "$msi" | sed -n 's/^Template: \([^;]*\);.*/\1/p')"
  component_bits="$(msiinfo export "$msi" Component | tail -n +4 | cut -f4 | while read -r a; do echo $(( a & 256 )); done | sort -u | tr '\n' ' ')"
  parent="$(msiinfo export "$msi" Directory | tail -n +4 | awk -F'\t' '$1 == "INSTALLFOLDER" { print $2 }')"
  if [ "$msi_template" != "$template" ] || [ "$component_bits" != "$attributes " ] || [ "$parent" != "$folder" ]; then
    echo "build.sh: $msi is platform '$msi_template', component 64-bit flags '$component_bits', in '$parent'; target $target needs $template, $attributes, $folder" >&2
    exit 1
  fi
  echo "$msi: platform $msi_template, $( [ "$attributes" = 256 ] && echo 64-bit || echo 32-bit ) components, in [$folder]; installs: $(echo "$installed" | tr '\n' ' ')"
  echo "  compiled against QIK SDK: $qik_sdk"
  msiinfo export "$msi" Component | tail -n +4 | cut -f1,3,4 | sed 's/^/  Component: /'
done
msi2019="$artifacts/$(pack file-name msi --target 2019 | tr -d '\r')"
msi2022="$artifacts/$(pack file-name msi --target 2022 | tr -d '\r')"

echo "== sample runbooks"
orchpatch runbooks --out "$artifacts/runbooks"
orchpatch runbooks --check "$runbooks"

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

echo "== Invoke .NET bundle"
# Both MSIs, the runbooks and, when it was built, the win-x64 orchpatch.exe: GUIDE.md names only files in the zip.
win_exe="$artifacts/orchpatch-$version-win-x64.exe"
cli_args=(); [ -f "$win_exe" ] && cli_args=(--cli "$win_exe")
pack bundle --assemblies "$assemblies" --msi-2019 "$msi2019" --msi-2022 "$msi2022" --runbooks "$runbooks" "${cli_args[@]}" \
  --out "$artifacts/$(pack file-name bundle | tr -d '\r')"

if [ ${#not_built[@]} -gt 0 ]; then echo "NOT built: ${not_built[*]}"; fi
echo "OIP: needs Windows with the Orchestrator Integration Toolkit (Integration Pack Wizard); everything else was built."
rm -rf "$artifacts/obj"
ls -l "$artifacts" "$artifacts/runbooks" "$artifacts/tool"
