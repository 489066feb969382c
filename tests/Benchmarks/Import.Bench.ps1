# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    What importing MgwTools adds to a script: whole pwsh processes, with and without the import, timed in
    turn in one run. Prints figures and their ratio to bare pwsh; never passes or fails on time.

.DESCRIPTION
    Series, each a fresh `pwsh -NoProfile -NonInteractive -Command ...`, run in turn (A B C D A B C D ...) so
    that a change in the machine's load hits them alike:
      floor     1   (bare pwsh: start, run, exit)
      import    Import-Module MgwTools
      first     Import-Module MgwTools; <one row> | Test-MgwJobSpec | Out-Null   (what a pipeline step pays)
      baseline  as import and first, with another build (-BaselineModulePath, or $env:MGW_BENCH_BASELINE): before
                and after a change, in the same rounds
      peer      Import-Module Microsoft.PowerShell.PSResourceGet   (a binary module with dependencies, for scale)
      minimal   Import-Module <MinimalModule>; <one row> | Test-MinimalRow | Out-Null   (the least any binary module
                costs: one cmdlet, no dependencies, no format file; tests/Benchmarks/MinimalModule, built by
                build.ps1 -Task Bench, or -MinimalModulePath / $env:MGW_BENCH_MINIMAL_MODULE). MgwTools's import and
                first call are then also given against it: what is MgwTools's own, and what PowerShell charges any module
    Each figure is its median wall time; "ratio" is the median of the per-round ratios to the floor of the
    same round, "+ms" the median of the per-round differences.

    Each series gets its own PowerShell cache folder (XDG_CACHE_HOME, or LOCALAPPDATA on Windows): pwsh
    keeps a start-up JIT profile there, written by each run and read by the next, so series that shared it
    would time each other's profile (and every other pwsh on the machine would too). With its own folder
    each series runs as a step that always runs the same command does: the warm-up run writes the profile.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 9,
    # Another build's MgwTools.psd1 (say, a copy of main's output/MgwTools) timed in the same rounds.
    [string] $BaselineModulePath = $env:MGW_BENCH_BASELINE,
    # The minimal binary module's manifest (tests/Benchmarks/MinimalModule, built by build.ps1 -Task Bench).
    [string] $MinimalModulePath = $env:MGW_BENCH_MINIMAL_MODULE
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$quoted = $ModulePath.Replace("'", "''")
$row = "[pscustomobject]@{ Name = 'abc'; SourceAddress = 's'; DestinationAddress = 'd'; OverwriteMode = 'Never' }"

$series = [ordered]@{
    floor  = '1'
    import = "Import-Module '$quoted'"
    first  = "Import-Module '$quoted'; $row | Test-MgwJobSpec | Out-Null"
}
if ($BaselineModulePath) {
    $baseline = (Resolve-Path -LiteralPath $BaselineModulePath).ProviderPath.Replace("'", "''")
    $series.baselineImport = "Import-Module '$baseline'"
    $series.baseline = "Import-Module '$baseline'; $row | Test-MgwJobSpec | Out-Null"
}
if ($MinimalModulePath -and (Test-Path -LiteralPath $MinimalModulePath)) {
    $minimal = (Resolve-Path -LiteralPath $MinimalModulePath).ProviderPath.Replace("'", "''")
    $series.minimal = "Import-Module '$minimal'; $row | Test-MinimalRow | Out-Null"
}
if (Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet) {
    $series.peer = 'Import-Module Microsoft.PowerShell.PSResourceGet'
}

$cacheVariable = $IsWindows ? 'LOCALAPPDATA' : 'XDG_CACHE_HOME'
$cacheRoot = Join-Path ([IO.Path]::GetTempPath()) "mgw-import-bench-$PID"
$savedCache = [Environment]::GetEnvironmentVariable($cacheVariable)

# CPU time of the children this process has waited for (user + system), in ms; Linux only (/proc), where it
# is far less disturbed by the machine's load than wall time. $null elsewhere.
$procStat = '/proc/self/stat'
$hasChildCpu = Test-Path -LiteralPath $procStat
function Get-ChildCpuMs {
    if (-not $hasChildCpu) { return $null }
    $text = [IO.File]::ReadAllText($procStat)
    $fields = $text.Substring($text.LastIndexOf(')') + 2).Split(' ')
    # Fields 16 and 17 of proc(5), cutime and cstime, in clock ticks (USER_HZ, 100 on Linux).
    ([double]$fields[13] + [double]$fields[14]) * 10
}

function Measure-Run([string] $Name) {
    [Environment]::SetEnvironmentVariable($cacheVariable, (Join-Path $cacheRoot $Name))
    $cpu = Get-ChildCpuMs
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $out = & $pwsh -NoProfile -NonInteractive -Command $series[$Name] 2>&1
    $sw.Stop()
    if ($LASTEXITCODE -ne 0) { throw "Bench child '$Name' failed ($LASTEXITCODE): $out" }
    [pscustomobject]@{ Wall = $sw.Elapsed.TotalMilliseconds; Cpu = $hasChildCpu ? (Get-ChildCpuMs) - $cpu : $null }
}

try {
    $times = @{}
    foreach ($name in $series.Keys) {
        New-Item -ItemType Directory -Path (Join-Path $cacheRoot $name) -Force | Out-Null
        $times[$name] = [Collections.Generic.List[object]]::new()
        $null = Measure-Run $name   # warm-up, not counted: file cache, and the series' start-up profile
    }
    for ($i = 0; $i -lt $Runs; $i++) {
        foreach ($name in $series.Keys) { $times[$name].Add((Measure-Run $name)) }
    }
}
finally {
    [Environment]::SetEnvironmentVariable($cacheVariable, $savedCache)
    Remove-Item -LiteralPath $cacheRoot -Recurse -Force -ErrorAction SilentlyContinue
}

# Methods JIT-compiled by the import and by the first call (PowerShell's own assemblies are not precompiled, so these
# are most of both costs): counts, which the machine's load does not move. One fresh process per build, after a run that
# writes its start-up profile.
function Get-JitCount([string] $Manifest) {
    $quotedManifest = $Manifest.Replace("'", "''")
    $command = "`$c0 = [Runtime.JitInfo]::GetCompiledMethodCount(`$true); Import-Module '$quotedManifest'; " +
        "`$c1 = [Runtime.JitInfo]::GetCompiledMethodCount(`$true); $row | Test-MgwJobSpec | Out-Null; " +
        "`$c2 = [Runtime.JitInfo]::GetCompiledMethodCount(`$true); '{0} {1}' -f (`$c1 - `$c0), (`$c2 - `$c1)"
    $cache = Join-Path $cacheRoot "jit-$([Math]::Abs($Manifest.GetHashCode()))"
    [Environment]::SetEnvironmentVariable($cacheVariable, $cache)
    try {
        $null = & $pwsh -NoProfile -NonInteractive -Command $command
        $counts = (& $pwsh -NoProfile -NonInteractive -Command $command) -split ' '
    }
    finally {
        [Environment]::SetEnvironmentVariable($cacheVariable, $savedCache)
    }
    [pscustomobject]@{ Import = [int]$counts[0]; First = [int]$counts[1] }
}

$jit = [ordered]@{ 'this build' = Get-JitCount $ModulePath }
if ($BaselineModulePath) { $jit.baseline = Get-JitCount (Resolve-Path -LiteralPath $BaselineModulePath).ProviderPath }
Remove-Item -LiteralPath $cacheRoot -Recurse -Force -ErrorAction SilentlyContinue

$telemetry = if ($env:POWERSHELL_TELEMETRY_OPTOUT -in '1', 'true', 'yes') { 'off' } else { 'on' }
Write-Host ("Import cost: whole pwsh processes, {0} rounds in turn, medians (PowerShell telemetry {1}):" -f $Runs, $telemetry)
$labels = [ordered]@{
    import   = 'import MgwTools'
    first    = 'import MgwTools + first Test-MgwJobSpec'
    baselineImport = 'import baseline'
    baseline = 'import baseline + first Test-MgwJobSpec'
    peer     = 'import PSResourceGet (for scale)'
    minimal  = 'import a minimal binary module + its first call'
}
# Round by round (the series ran in turn): the median difference and ratio of $Series to $Against.
function Get-Paired([double[]] $Series, [double[]] $Against) {
    [pscustomobject]@{
        Difference = Get-BenchMedian @(for ($i = 0; $i -lt $Runs; $i++) { $Series[$i] - $Against[$i] })
        Ratio      = Get-BenchMedian @(for ($i = 0; $i -lt $Runs; $i++) { $Series[$i] / $Against[$i] })
    }
}

$measures = @('Wall') + @(if ($hasChildCpu) { 'Cpu' })
foreach ($measure in $measures) {
    $kind = $measure -eq 'Wall' ? 'wall' : 'CPU'
    $floor = [double[]]@($times.floor | ForEach-Object $measure)
    $floorMedian = Get-BenchMedian $floor
    Write-Host ('  {0,-56} {1,11}   spread {2:N0}-{3:N0} ms' -f "pwsh -Command 1, $kind (the floor)", (Format-BenchValue $floorMedian 'ms'),
        ($floor | Measure-Object -Minimum).Minimum, ($floor | Measure-Object -Maximum).Maximum)
    foreach ($name in $labels.Keys) {
        if (-not $times.ContainsKey($name)) { continue }
        $t = [double[]]@($times[$name] | ForEach-Object $measure)
        $paired = Get-Paired $t $floor
        Write-BenchFigure -Bench Import -Figure "pwsh + $($labels[$name]), $kind" -Value (Get-BenchMedian $t) -Floor $floorMedian -Ratio $paired.Ratio `
            -Note ('{0:+#,0;-#,0;0} ms, spread {1:N0}-{2:N0} ms' -f $paired.Difference, ($t | Measure-Object -Minimum).Minimum, ($t | Measure-Object -Maximum).Maximum)
    }
    if ($times.ContainsKey('minimal')) {
        # Against the second floor: what MgwTools adds to what PowerShell charges any binary module for the same steps.
        $t = [double[]]@($times.first | ForEach-Object $measure)
        $m = [double[]]@($times.minimal | ForEach-Object $measure)
        $paired = Get-Paired $t $m
        Write-BenchFigure -Bench Import -Figure "import MgwTools + first call, over the minimal module's, $kind" -Value (Get-BenchMedian $t) `
            -Floor (Get-BenchMedian $m) -Ratio $paired.Ratio -Note ('{0:+#,0;-#,0;0} ms' -f $paired.Difference)
    }
}
Write-Host 'Methods JIT-compiled (all threads; the start-up profile compiles some of the import''s in the background):'
foreach ($name in $jit.Keys) {
    Write-Host ('  {0,-56} {1,11:N0}   first Test-MgwJobSpec {2,6:N0}' -f "import, $name", $jit[$name].Import, $jit[$name].First)
}
