# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    Builds, tests, benchmarks and demonstrates MgwTools.

.DESCRIPTION
    Tasks (several may be given, comma-separated):
      Build       publish the assemblies and assemble output/MgwTools (dlls, manifest, format/types, MAML help)
      UnitTest    xunit (tests/MgwTools.Core.Tests)
      PesterTest  Pester (tests/*.Tests.ps1) against the built module, in a fresh pwsh
      Test        Build + UnitTest + PesterTest; ends with one line 'N passed, N failed'
      Bench       Build + the benchmarks in tests/Benchmarks/*.Bench.ps1 (figures only, never pass/fail), then
                  a summary of every figure as a ratio to its floor or ideal
      Demo        Build + the README's walk-through against the local service
      Package     Build + output/MgwTools.<version>.nupkg (PSResourceGet's Compress-PSResource), installable
                  with Install-PSResource from a repository on any folder; Test makes it too (its test installs it)
      Clean       remove output/

.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [string[]] $Task = @('Build'),
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',
    [string] $PesterVersion = '5.7.1',
    # Run only the Pester files whose name matches (inner loop).
    [string] $PesterFilter = '*'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# `pwsh -File build.ps1 -Task A,B` passes one string (toolchain.md §7.6).
$Task = @($Task | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$knownTasks = 'Build', 'UnitTest', 'PesterTest', 'Test', 'Bench', 'Demo', 'Package', 'Clean'
foreach ($t in $Task) {
    if ($t -notin $knownTasks) { throw "Unknown task '$t'. Known tasks: $($knownTasks -join ', ')." }
}

$env:DOTNET_NOLOGO = '1'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'
$env:DOTNET_SKIP_FIRST_TIME_EXPERIENCE = '1'
$env:DOTNET_GENERATE_ASPNET_CERTIFICATE = 'false'
$env:POWERSHELL_TELEMETRY_OPTOUT = '1'
# No colour codes in a log: plain text when the output is redirected or NO_COLOR is set (pwsh 7.6 keeps
# OutputRendering = Host when redirected; toolchain.md §7.7). The child processes inherit NO_COLOR.
if ([Console]::IsOutputRedirected -or -not [string]::IsNullOrEmpty($env:NO_COLOR)) {
    $PSStyle.OutputRendering = 'PlainText'
    $env:NO_COLOR = '1'
}
if (-not $env:NUGET_CERT_REVOCATION_MODE) { $env:NUGET_CERT_REVOCATION_MODE = 'offline' }

$root = $PSScriptRoot
$outputRoot = Join-Path $root 'output'
$moduleDir = Join-Path $outputRoot 'MgwTools'
$resultsDir = Join-Path $outputRoot 'TestResults'
$manifest = Import-PowerShellDataFile (Join-Path $root 'MgwTools.psd1')
$version = $manifest.ModuleVersion
# Child processes: the pwsh apphost of the running PowerShell, never `dotnet pwsh` (toolchain.md §7.5).
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
# Only the cmdlets and the loader (the nested module) sit next to the manifest, in the default load
# context. Everything else, MgwTools.Core and MgwTools.Emulator included, goes to dependencies/, which
# the loader binds in the module's private load context (src/MgwTools.Loader).
$rootAssemblies = 'MgwTools', 'MgwTools.Loader'
$isolatedAssemblies = 'MgwTools.Core', 'MgwTools.Emulator'

function Invoke-Native {
    param([string] $FilePath, [string[]] $Arguments)
    & $FilePath @Arguments | Out-Host
    if ($LASTEXITCODE -ne 0) { throw "'$FilePath $($Arguments -join ' ')' failed with exit code $LASTEXITCODE." }
}

function Invoke-Build {
    Write-Host "==> Build $version ($Configuration)" -ForegroundColor Cyan
    $publishDir = Join-Path $outputRoot 'publish'
    Remove-Item $publishDir, $moduleDir -Recurse -Force -ErrorAction SilentlyContinue
    Invoke-Native dotnet @('publish', (Join-Path $root 'src/MgwTools/MgwTools.csproj'), '-c', $Configuration,
        '-f', 'netstandard2.0', '-o', $publishDir, "-p:Version=$version", '-nologo', '-v', 'quiet')

    $dependencies = Join-Path $moduleDir 'dependencies'
    New-Item -ItemType Directory -Path $dependencies -Force | Out-Null
    foreach ($dll in Get-ChildItem $publishDir -Filter '*.dll') {
        $target = if ($dll.BaseName -in $rootAssemblies) { $moduleDir } else { $dependencies }
        Copy-Item $dll.FullName $target
        $pdb = [IO.Path]::ChangeExtension($dll.FullName, '.pdb')
        if ($dll.BaseName -in $rootAssemblies + $isolatedAssemblies -and (Test-Path $pdb)) { Copy-Item $pdb $target }
    }
    foreach ($name in $rootAssemblies) {
        if (-not (Test-Path (Join-Path $moduleDir "$name.dll"))) { throw "Build output lacks $name.dll." }
    }
    foreach ($name in $isolatedAssemblies) {
        if (-not (Test-Path (Join-Path $dependencies "$name.dll"))) { throw "Build output lacks dependencies/$name.dll." }
    }
    Copy-ModuleManifest (Join-Path $moduleDir 'MgwTools.psd1')
    Copy-Item (Join-Path $root 'LICENSE'), (Join-Path $root 'CHANGELOG.md') $moduleDir
    Copy-Item (Join-Path $root 'module/*') $moduleDir -Recurse

    $helpTool = Join-Path $root 'tools/New-MamlHelp.ps1'
    if (Test-Path $helpTool) {
        Write-Host '==> Help (docs/en-US -> MAML)' -ForegroundColor Cyan
        Invoke-Native $pwsh @('-NoProfile', '-NonInteractive', '-File', $helpTool,
            '-ModulePath', (Join-Path $moduleDir 'MgwTools.psd1'), '-DocsPath', (Join-Path $root 'docs/en-US'),
            '-OutputPath', (Join-Path $moduleDir 'en-US'))
    }
}

# The manifest with the newest CHANGELOG.md section as its release notes (what a gallery shows for this version).
function Copy-ModuleManifest([string] $Destination) {
    $changelog = Get-Content -Raw (Join-Path $root 'CHANGELOG.md')
    $section = [regex]::Match($changelog, '(?ms)^## .*?(?=^## |\z)').Value.Trim()
    if (-not $section) { throw 'CHANGELOG.md has no version section (## x.y.z).' }
    $text = Get-Content -Raw (Join-Path $root 'MgwTools.psd1')
    $notes = "@'`n" + ($section -replace "'@", "' @") + "`n'@"
    $replaced = $text.Replace("ReleaseNotes = 'See CHANGELOG.md.'", "ReleaseNotes = $notes")
    if ($replaced -eq $text) { throw "MgwTools.psd1 lacks the line ReleaseNotes = 'See CHANGELOG.md.'" }
    Set-Content -Path $Destination -Value $replaced -Encoding utf8NoBOM
}

function Invoke-Package {
    Write-Host "==> Package $version" -ForegroundColor Cyan
    $nupkg = Join-Path $outputRoot "MgwTools.$version.nupkg"
    Remove-Item $nupkg -ErrorAction SilentlyContinue
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    Compress-PSResource -Path $moduleDir -DestinationPath $outputRoot
    if (-not (Test-Path $nupkg)) { throw "Compress-PSResource wrote no $nupkg." }
    Write-Host "    $nupkg"
}

function Invoke-UnitTest {
    Write-Host '==> xunit' -ForegroundColor Cyan
    New-Item -ItemType Directory -Path $resultsDir -Force | Out-Null
    $trx = Join-Path $resultsDir 'xunit.trx'
    Remove-Item $trx -ErrorAction SilentlyContinue   # a stale file must never count (toolchain.md §7.14)
    # The console shows failures and the summary only (minimal); the build's and the tests' full output goes
    # to xunit.log, each test's result and message to the trx.
    $xunitLog = Join-Path $resultsDir 'xunit.log'
    & dotnet test (Join-Path $root 'tests/MgwTools.Core.Tests/MgwTools.Core.Tests.csproj') -c $Configuration `
        --logger "trx;LogFileName=$trx" --logger 'console;verbosity=minimal' --results-directory $resultsDir `
        -nologo -v quiet '-tl:off' "-flp:LogFile=$xunitLog;Verbosity=normal" | Out-Host
    if (-not (Test-Path $trx)) {
        Write-Warning 'xunit produced no result file (did the test project build?).'
        return [pscustomobject]@{ Name = 'xunit'; Passed = 0; Failed = 1 }
    }
    $counters = ([xml](Get-Content -Raw $trx)).TestRun.ResultSummary.Counters
    $failed = [int]$counters.failed + [int]$counters.error + [int]$counters.timeout + [int]$counters.aborted
    if ($LASTEXITCODE -ne 0 -and $failed -eq 0) { $failed = 1 }
    [pscustomobject]@{ Name = 'xunit'; Passed = [int]$counters.passed; Failed = $failed }
}

function Get-PesterPath {
    Invoke-Native dotnet @('restore', (Join-Path $root 'tools/Pester.proj'), "-p:PesterVersion=$PesterVersion", '-nologo', '-v', 'quiet')
    $cache = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $cache.Trim() "pester/$PesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $path)) { throw "Pester $PesterVersion not found at '$path'." }
    $path
}

function Invoke-PesterTest {
    Write-Host '==> Pester' -ForegroundColor Cyan
    New-Item -ItemType Directory -Path $resultsDir -Force | Out-Null
    $summary = Join-Path $resultsDir 'pester-summary.json'
    Remove-Item $summary -ErrorAction SilentlyContinue
    $pester = Get-PesterPath
    # Through the environment: pwsh on Unix would glob a '*' argument to a native command.
    $env:MGW_PESTER_FILTER = $PesterFilter
    # One line per file and the failures here; everything else in output/TestResults/pester.log.
    & $pwsh -NoProfile -NonInteractive -File (Join-Path $root 'tools/PesterTest.ps1') -PesterPath $pester `
        -TestPath (Join-Path $root 'tests') -ResultPath $resultsDir -SummaryPath $summary `
        -LogPath (Join-Path $resultsDir 'pester.log') | Out-Host
    if (-not (Test-Path $summary)) {
        Write-Warning 'Pester produced no summary.'
        return [pscustomobject]@{ Name = 'Pester'; Passed = 0; Failed = 1 }
    }
    $s = Get-Content -Raw $summary | ConvertFrom-Json
    [pscustomobject]@{ Name = 'Pester'; Passed = [int]$s.Passed; Failed = [int]$s.Failed }
}

# Every tests/Benchmarks/*.Bench.ps1 in a fresh pwsh; each records its figures (BenchCommon.ps1), and the
# summary at the end repeats them all: value, floor or ideal, ratio.
function Invoke-Bench {
    New-Item -ItemType Directory -Path $resultsDir -Force | Out-Null
    $env:MGW_BENCH_RESULTS = Join-Path $resultsDir 'bench.jsonl'
    Remove-Item $env:MGW_BENCH_RESULTS -ErrorAction SilentlyContinue
    # The least a binary module can be, as a second floor for the import and validation figures (never shipped).
    $minimal = Join-Path $outputRoot 'bench/MinimalModule'
    $minimalProject = Join-Path $root 'tests/Benchmarks/MinimalModule'
    Invoke-Native dotnet @('build', (Join-Path $minimalProject 'MinimalModule.csproj'), '-c', $Configuration, '-o', $minimal, '-nologo', '-v', 'quiet')
    Copy-Item (Join-Path $minimalProject 'MinimalModule.psd1') $minimal
    $env:MGW_BENCH_MINIMAL_MODULE = Join-Path $minimal 'MinimalModule.psd1'
    foreach ($bench in Get-ChildItem (Join-Path $root 'tests/Benchmarks') -Filter '*.Bench.ps1' | Sort-Object Name) {
        Write-Host "==> Bench $($bench.BaseName -replace '\.Bench$')" -ForegroundColor Cyan
        Invoke-Child $bench.FullName
    }
    if (Test-Path $env:MGW_BENCH_RESULTS) {
        Write-Host '==> Bench summary (ratio = figure / its floor or ideal, measured in the same run)' -ForegroundColor Cyan
        foreach ($f in Get-Content $env:MGW_BENCH_RESULTS | ForEach-Object { $_ | ConvertFrom-Json }) {
            $unit = switch ($f.Unit) { 's' { '{0:N2} s' } 'ms' { '{0:N0} ms' } default { "{0:N0} $($f.Unit)" } }
            Write-Host ('  {0,-9} {1,-56} {2,11}  {3} {4,11}  {5,6:N2}x' -f $f.Bench, $f.Figure, ($unit -f $f.Value), $f.Against, ($unit -f $f.Floor), $f.Ratio)
        }
    }
}

function Invoke-Child([string] $Script) {
    Invoke-Native $pwsh @('-NoProfile', '-NonInteractive', '-File', $Script, '-ModulePath', (Join-Path $moduleDir 'MgwTools.psd1'))
}

$exitCode = 0
try {
    if ('Clean' -in $Task) { Remove-Item $outputRoot -Recurse -Force -ErrorAction SilentlyContinue }
    if ($Task | Where-Object { $_ -in 'Build', 'Test', 'Bench', 'Demo', 'Package' }) { Invoke-Build }
    # Test makes the package too: the package test installs it, as a user would.
    if ($Task | Where-Object { $_ -in 'Test', 'Package' }) { Invoke-Package }

    $results = @()
    if ($Task | Where-Object { $_ -in 'UnitTest', 'Test' }) { $results += Invoke-UnitTest }
    if ($Task | Where-Object { $_ -in 'PesterTest', 'Test' }) { $results += Invoke-PesterTest }
    if ($results) {
        $passed = ($results | Measure-Object Passed -Sum).Sum
        $failed = ($results | Measure-Object Failed -Sum).Sum
        $results | ForEach-Object { Write-Host ("  {0,-7} passed {1}, failed {2}" -f $_.Name, $_.Passed, $_.Failed) }
        if ($passed + $failed -eq 0) { $failed = 1; Write-Warning 'No test ran.' }
        if ($failed -gt 0) { $exitCode = 1 }
        Write-Host "tests: $passed passed, $failed failed"
    }

    if ('Bench' -in $Task) { Invoke-Bench }
    if ('Demo' -in $Task) { Invoke-Child (Join-Path $root 'tools/Demo.ps1') }
}
catch {
    Write-Host "build failed: $_" -ForegroundColor Red
    if ($Task | Where-Object { $_ -in 'Test', 'UnitTest', 'PesterTest' }) { Write-Host 'tests: 0 passed, 1 failed' }
    $exitCode = 1
}
finally {
    # The Roslyn/MSBuild servers outlive the build otherwise (toolchain.md §7.11).
    if ($env:CI) { & dotnet build-server shutdown *> $null }
}
exit $exitCode
