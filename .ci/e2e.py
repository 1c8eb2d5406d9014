#!/usr/bin/env python3
"""End-to-end checks of the packed package, used the way users use it.

Fresh projects in a temp folder consume artifacts/ConcurrencyAnalyzers.*.nupkg from a local folder source:
- a web app built from the sample sources reports exactly the sample's tagged lines;
- .editorconfig severity = none, #pragma and [SuppressMessage] silence; -warnaserror and
  TreatWarningsAsErrors fail the build;
- SARIF 2.1 output carries our rules with titles and help links;
- `dotnet format analyzers` applies our fixes and the rebuilt project has no errors and no fixed diagnostics left.
"""
import glob, json, os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
DIAG = re.compile(r"^(?P<file>[^(\n]+)\((?P<line>\d+),(?P<col>\d+)\): (?P<sev>warning|error) (?P<id>[A-Z]+\d+):", re.M)
TAG = re.compile(r"//\s*(CONC\d{4}(?:[\s,]+CONC\d{4})*)\s*$")

def run(args, cwd, check=True):
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True)
    out = p.stdout + p.stderr
    if check and p.returncode != 0:
        print(out)
        raise SystemExit(f"command failed ({p.returncode}): {' '.join(args)}")
    return p.returncode, out

def diagnostics(output, prefix="CONC"):
    found = set()
    for m in DIAG.finditer(output):
        if m.group("id").startswith(prefix):
            found.add((os.path.basename(m.group("file")), int(m.group("line")), m.group("id"), m.group("sev")))
    return found

def fail(message):
    raise SystemExit("E2E FAILED: " + message)

def main():
    packages = sorted(glob.glob(os.path.join(ROOT, "artifacts", "ConcurrencyAnalyzers.*.nupkg")))
    if not packages:
        fail("no package in artifacts/: run dotnet pack first")
    package = packages[-1]
    version = os.path.basename(package)[len("ConcurrencyAnalyzers."):-len(".nupkg")]
    work = tempfile.mkdtemp(prefix="conc-e2e-")
    checks = 0
    try:
        feed = os.path.join(work, "feed"); os.makedirs(feed)
        shutil.copy(package, feed)
        with open(os.path.join(work, "nuget.config"), "w") as f:
            f.write(f"""<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources><add key="local" value="{feed}" /></packageSources>
  <config><add key="globalPackagesFolder" value="{os.path.join(work, 'packages')}" /></config>
</configuration>
""")
        with open(os.path.join(work, "Directory.Build.props"), "w") as f:
            f.write("<Project />\n")

        # 1. A web app made of the sample's sources reports exactly the tagged lines.
        web = os.path.join(work, "web"); os.makedirs(web)
        sample_dir = os.path.join(ROOT, "samples", "ConcurrencyAnalyzers.Samples")
        expected = set()
        for path in glob.glob(os.path.join(sample_dir, "**", "*.cs"), recursive=True):
            rel = os.path.relpath(path, sample_dir)
            if rel.split(os.sep)[0] in ("obj", "bin"):
                continue
            dest = os.path.join(web, rel); os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy(path, dest)
            for i, line in enumerate(open(path, encoding="utf-8").read().split("\n"), 1):
                m = TAG.search(line)
                if m:
                    for rule in re.findall(r"CONC\d{4}", m.group(1)):
                        expected.add((os.path.basename(path), i, rule))
        with open(os.path.join(web, "Web.csproj"), "w") as f:
            f.write(f"""<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <NoWarn>$(NoWarn);CS1998;CS4014;CS0162</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ConcurrencyAnalyzers" Version="{version}" PrivateAssets="all" />
  </ItemGroup>
</Project>
""")
        _, out = run(["dotnet", "build", "Web.csproj"], web)
        actual = {(f, l, i) for (f, l, i, s) in diagnostics(out)}
        if actual != expected:
            fail(f"web app diagnostics differ from the sample tags\n missing: {sorted(expected - actual)}\n unexpected: {sorted(actual - expected)}")
        print(f"ok: web app from the sample sources reports exactly its {len(expected)} tagged diagnostics"); checks += 1

        # 2. SARIF for code scanning: our rules with titles and help links.
        sarif = os.path.join(work, "out.sarif")
        run(["dotnet", "build", "Web.csproj", "--no-incremental", f"-p:ErrorLog={sarif}%2Cversion=2.1"], web)
        log = json.load(open(sarif))
        rules = {}
        for r in log["runs"]:
            for rule in r["tool"]["driver"].get("rules", []):
                rules[rule["id"]] = rule
        ours = {rid: r for rid, r in rules.items() if rid.startswith("CONC")}
        if not ours:
            fail("SARIF has no CONC rules")
        for rid, rule in ours.items():
            if not rule.get("helpUri", "").endswith(f"/docs/rules/{rid}.md"):
                fail(f"SARIF rule {rid} lacks its help link: {rule.get('helpUri')}")
            if not rule.get("shortDescription", {}).get("text"):
                fail(f"SARIF rule {rid} lacks a title")
        print(f"ok: SARIF 2.1 carries {len(ours)} CONC rules with titles and help links"); checks += 1

        # 3. `dotnet format analyzers` applies our fixes; the rebuilt project has no errors.
        before = diagnostics(out)
        # Ids whose doc page says a code fix ships; dotnet format stops on an id without one.
        fixable = sorted(os.path.basename(p)[:-3] for p in glob.glob(os.path.join(ROOT, "docs", "rules", "CONC*.md"))
                         if re.search(r"^\|\s*Code fix\s*\|\s*Yes", open(p, encoding="utf-8").read(), re.M))
        ids = [i for i in fixable if any(d[2] == i for d in before)]
        if not ids:
            fail("no fixable diagnostic in the web app to exercise dotnet format")
        run(["dotnet", "format", "analyzers", "Web.csproj", "--diagnostics", *ids, "--severity", "info", "--no-restore"], web, check=False)
        code, out2 = run(["dotnet", "build", "Web.csproj", "--no-incremental"], web, check=False)
        errors = [m.group(0) for m in DIAG.finditer(out2) if m.group("sev") == "error"]
        if code != 0 or errors:
            fail("after dotnet format the app does not build:\n" + "\n".join(errors[:20]) + out2[-3000:])
        after = diagnostics(out2)
        # Some sample lines sit where a rule's fix is deliberately not offered (for example a non-async
        # StartAsync for CONC0303), so per rule the count may stay; it must never grow, the total must
        # drop, and CONC0101 (always fixable in the sample) must be gone.
        for rule in ids:
            n_before = sum(1 for d in before if d[2] == rule)
            n_after = sum(1 for d in after if d[2] == rule)
            print(f"   {rule}: {n_before} -> {n_after}")
            if n_after > n_before:
                fail(f"dotnet format added {rule} diagnostics ({n_before} -> {n_after})")
        if any(d[2] == "CONC0101" for d in after):
            fail("CONC0101 left after dotnet format")
        if len(after) >= len(before):
            fail(f"dotnet format fixed nothing ({len(before)} -> {len(after)})")
        print(f"ok: dotnet format analyzers ({', '.join(ids)}) fixed {len(before) - len(after)} of {len(before)} diagnostics, build clean"); checks += 1

        # 4. A console app: severities, suppressions, warnings as errors.
        app = os.path.join(work, "app"); os.makedirs(app)
        with open(os.path.join(app, "App.csproj"), "w") as f:
            f.write(f"""<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <ImplicitUsings>enable</ImplicitUsings>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="ConcurrencyAnalyzers" Version="{version}" PrivateAssets="all" />
  </ItemGroup>
</Project>
""")
        with open(os.path.join(app, "Loader.cs"), "w") as f:
            f.write("""using System.Diagnostics.CodeAnalysis;
public static class Loader
{
    public static async Task<int> PlainAsync(Task<string> pending)
    {
        await Task.Yield();
        return pending.Result.Length;
    }

    public static async Task<int> PragmaAsync(Task<string> pending)
    {
        await Task.Yield();
#pragma warning disable CONC0101
        return pending.Result.Length;
#pragma warning restore CONC0101
    }

    [SuppressMessage("Concurrency.SyncOverAsync", "CONC0101", Justification = "test")]
    public static async Task<int> SuppressedAsync(Task<string> pending)
    {
        await Task.Yield();
        return pending.Result.Length;
    }

    public static string Sync(Task<string> pending) => pending.Result;
}
""")
        with open(os.path.join(app, "Program.cs"), "w") as f:
            f.write('Console.WriteLine(await Loader.PlainAsync(Task.FromResult("x")));\n')
        _, out = run(["dotnet", "build", "App.csproj"], app)
        got = {(f, l, i) for (f, l, i, s) in diagnostics(out)}
        want = {("Loader.cs", 7, "CONC0101"), ("Loader.cs", 25, "CONC0102")}
        if got != want:
            fail(f"console app: expected {sorted(want)}, got {sorted(got)} (pragma / SuppressMessage must silence)")
        print("ok: console app reports the plain misuse; #pragma and [SuppressMessage] silence theirs"); checks += 1

        code, out = run(["dotnet", "build", "App.csproj", "--no-incremental", "-warnaserror"], app, check=False)
        if code == 0 or "error CONC0101" not in out:
            fail("-warnaserror did not fail the build on CONC0101")
        code, out = run(["dotnet", "build", "App.csproj", "--no-incremental", "-p:TreatWarningsAsErrors=true"], app, check=False)
        if code == 0 or "error CONC0101" not in out:
            fail("TreatWarningsAsErrors did not fail the build on CONC0101")
        print("ok: -warnaserror and TreatWarningsAsErrors fail the build"); checks += 1

        with open(os.path.join(app, ".editorconfig"), "w") as f:
            f.write("root = true\n[*.cs]\ndotnet_diagnostic.CONC0101.severity = none\ndotnet_diagnostic.CONC0102.severity = error\n")
        code, out = run(["dotnet", "build", "App.csproj", "--no-incremental"], app, check=False)
        got = diagnostics(out)
        if any(i == "CONC0101" for (_, _, i, _) in got) or ("Loader.cs", 25, "CONC0102", "error") not in got or code == 0:
            fail(f".editorconfig severities not honoured: {sorted(got)}")
        print("ok: .editorconfig silences CONC0101 and raises CONC0102 to an error"); checks += 1
        os.remove(os.path.join(app, ".editorconfig"))

        # 5. Presets: an MSBuild property picks a shipped .globalconfig.
        code, out = run(["dotnet", "build", "App.csproj", "--no-incremental", "-p:ConcurrencyAnalyzersMode=Strict"], app, check=False)
        got = diagnostics(out)
        if code == 0 or ("Loader.cs", 7, "CONC0101", "error") not in got:
            fail(f"Strict preset did not make CONC0101 an error: {sorted(got)}")
        code, out = run(["dotnet", "build", "App.csproj", "--no-incremental", "-p:ConcurrencyAnalyzersMode=Minimal"], app, check=False)
        got = diagnostics(out)
        if code != 0 or any(i == "CONC0102" for (_, _, i, _) in got) or ("Loader.cs", 7, "CONC0101", "warning") not in got:
            fail(f"Minimal preset: expected CONC0101 warning only, got {sorted(got)}")
        code, out = run(["dotnet", "build", "App.csproj", "--no-incremental", "-p:ConcurrencyAnalyzersAppKind=Library"], app, check=False)
        got = diagnostics(out)
        if code == 0 or ("Loader.cs", 25, "CONC0102", "error") not in got:
            fail(f"Library app kind did not make CONC0102 an error: {sorted(got)}")
        code, out = run(["dotnet", "build", "App.csproj", "--no-incremental", "-p:ConcurrencyAnalyzersMode=Bogus"], app, check=False)
        if "CONCCFG01" not in out:
            fail("an unknown ConcurrencyAnalyzersMode is not reported")
        print("ok: ConcurrencyAnalyzersMode Strict/Minimal and ConcurrencyAnalyzersAppKind=Library apply their presets; an unknown mode warns"); checks += 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"e2e: {checks} passed, 0 failed")

if __name__ == "__main__":
    main()
