#!/usr/bin/env bash
# Real-library corpora for the benchmark: restores eight async-heavy libraries from NuGet, decompiles each
# with ilspycmd into DIR/src/<Library>/ (C# close to the original source: async methods come back as
# async/await) and copies every assembly they need into DIR/refs/. Nothing here is committed; the code
# stays under the libraries' own licences. Then:
#   dotnet run -c Release --project tests/ConcurrencyAnalyzers.Benchmarks -- \
#       --sources DIR/src --refs DIR/refs --findings DIR/findings.tsv
# Usage: real-libraries.sh [DIR] (default /tmp/concurrency-real)
set -euo pipefail
dir=${1:-/tmp/concurrency-real}
mkdir -p "$dir/pkgs" "$dir/tools" "$dir/src"
cd "$dir/pkgs"

# Versions pinned so that two runs measure the same code.
libraries=(
  "Polly.Core 8.9.1"
  "StackExchange.Redis 3.4.35"
  "RabbitMQ.Client 7.2.2"
  "MQTTnet 5.2.0.1603"
  "MySqlConnector 3.0.0"
  "Quartz 4.7.3"
  "Hangfire.Core 1.8.25"
  "NATS.Client.Core 3.3.2"
)

{
  echo '<Project Sdk="Microsoft.NET.Sdk">'
  echo '  <PropertyGroup><TargetFramework>net10.0</TargetFramework><OutputType>Exe</OutputType>'
  echo '    <CopyLocalLockFileAssemblies>true</CopyLocalLockFileAssemblies>'
  echo '    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally></PropertyGroup>'
  echo '  <ItemGroup>'
  for entry in "${libraries[@]}"; do
    set -- $entry
    echo "    <PackageReference Include=\"$1\" Version=\"$2\" />"
  done
  echo '  </ItemGroup>'
  echo '</Project>'
} > pkgs.csproj
echo 'internal static class P { private static void Main() { } }' > P.cs
# Keep the repository's Directory.*.props out of this scratch project.
echo '<Project />' > Directory.Build.props
echo '<Project />' > Directory.Packages.props
dotnet build -o "$dir/refs" -nologo -v q

# ilspycmd 11 ships a native build that needs a newer glibc than Debian 12 has; 9.1 runs on the SDK.
if [ ! -x "$dir/tools/ilspycmd" ]; then
  dotnet tool install ilspycmd --tool-path "$dir/tools" --version 9.1.0.7988
fi

export DOTNET_ROLL_FORWARD=Major
for entry in "${libraries[@]}"; do
  set -- $entry
  rm -rf "$dir/src/$1"
  "$dir/tools/ilspycmd" -p -o "$dir/src/$1" -r "$dir/refs" "$dir/refs/$1.dll" > /dev/null
  echo "$1 $2: $(find "$dir/src/$1" -name '*.cs' | wc -l) files"
done
