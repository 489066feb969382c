# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    Get-MgwJob over 500 jobs against the local service with 20 ms latency per request and pages of 50, and
    Wait-MgwJob over 200 finished jobs. Prints wall time and its ratio to the floor; never passes or fails on time.

.DESCRIPTION
    The floor of a listing is the sum of its page requests' latency: 500 jobs in pages of 50 are 10 pages, 200 ms.
    Wait-MgwJob over 200 jobs should cost one listing too (a poll reads list pages, not one GetJob per job), so its
    floor is the same 10 pages of 50 at 20 ms (a poll lists every job, children included). A ratio near 1 means the
    cmdlet costs the requests and little else. The piped input is made before the clock starts; each command is warmed
    up once (JIT, connection), then timed 5 times in the same process, and the median is the figure.

    With another build (-BaselineModulePath, or $env:MGW_BENCH_BASELINE) each figure is also measured with that build,
    in turn with this one; -Rounds (or $env:MGW_BENCH_ROUNDS) runs each more than once and reports the median.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Jobs = 500,
    [int] $Watched = 200,
    [int] $PageSize = 50,
    [int] $LatencyMs = 20,
    # Another build's MgwTools.psd1 (say, a copy of main's output/MgwTools), timed in turn with this one.
    [string] $BaselineModulePath = $env:MGW_BENCH_BASELINE,
    [int] $Rounds = ($env:MGW_BENCH_ROUNDS ? [int]$env:MGW_BENCH_ROUNDS : 1)
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath

# In a child process: prints "listMs;listRequests;waitMs;waitRequests".
$child = @'
param($ModulePath, $Jobs, $Watched, $PageSize, $LatencyMs)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$addresses = 1..$Jobs | ForEach-Object { "s-$_"; "d-$_" }
$svc = Start-MgwEmulator -Address $addresses -MaxPageSize $PageSize -Clock Manual -Latency ([TimeSpan]::FromMilliseconds($LatencyMs)) -PassThru
$null = 1..$Jobs | ForEach-Object { [pscustomobject]@{ Name = "list-$_"; SourceAddress = "s-$_"; DestinationAddress = "d-$_"; OverwriteMode = 'Never' } } |
    New-MgwJob -ThrottleLimit 16
$null = 1..$Watched | ForEach-Object { [pscustomobject]@{ Name = "list-$_" } } | Start-MgwJob
$null = $svc.AdvanceClock([TimeSpan]::FromHours(1))
$watch = @(1..$Watched | ForEach-Object { [pscustomobject]@{ Name = "list-$_" } })
# Warm-up of both commands (JIT, connection, the first listing), then 5 timed runs of each, in turn: the median.
$null = Get-MgwJob
$null = $watch | Wait-MgwJob -Timeout 60 -PollInterval 0.05 -ProgressAction SilentlyContinue
$listTimes = [Collections.Generic.List[double]]::new()
$waitTimes = [Collections.Generic.List[double]]::new()
$sw = [Diagnostics.Stopwatch]::new()
for ($i = 0; $i -lt 5; $i++) {
    $before = $svc.Stats.Requests
    $sw.Restart()
    $listed = @(Get-MgwJob)
    $listTimes.Add($sw.Elapsed.TotalMilliseconds)
    $listRequests = $svc.Stats.Requests - $before
    if ($listed.Count -ne $Jobs) { throw "listed $($listed.Count) of $Jobs jobs" }
    $before = $svc.Stats.Requests
    $sw.Restart()
    $done = @($watch | Wait-MgwJob -Timeout 60 -PollInterval 0.05 -ProgressAction SilentlyContinue)
    $waitTimes.Add($sw.Elapsed.TotalMilliseconds)
    $waitRequests = $svc.Stats.Requests - $before
    if ($done.Count -ne $Watched) { throw "waited for $($done.Count) of $Watched jobs" }
}
$listMs = ($listTimes | Sort-Object)[2]
$waitMs = ($waitTimes | Sort-Object)[2]
$inv = [Globalization.CultureInfo]::InvariantCulture
'{0};{1};{2};{3}' -f $listMs.ToString($inv), $listRequests, $waitMs.ToString($inv), $waitRequests
'@

$builds = [ordered]@{ '' = $ModulePath }
if ($BaselineModulePath) { $builds['baseline: '] = (Resolve-Path -LiteralPath $BaselineModulePath).ProviderPath }

$script = Join-Path ([IO.Path]::GetTempPath()) "mgw-list-bench-$PID.ps1"
Set-Content -LiteralPath $script -Value $child
try {
    $inv = [Globalization.CultureInfo]::InvariantCulture
    $runs = @{}
    foreach ($label in $builds.Keys) { $runs[$label] = [Collections.Generic.List[object]]::new() }
    for ($round = 0; $round -lt $Rounds; $round++) {
        foreach ($label in $builds.Keys) {
            $out = & $pwsh -NoProfile -NonInteractive -File $script -ModulePath $builds[$label] -Jobs $Jobs -Watched $Watched -PageSize $PageSize -LatencyMs $LatencyMs
            if ($LASTEXITCODE -ne 0) { throw "list bench failed: $out" }
            $runs[$label].Add(@($out)[-1].Split(';'))
        }
    }
    $listPages = [math]::Ceiling($Jobs / $PageSize)
    $listFloor = $listPages * $LatencyMs
    Write-Host ("Listing and watching: {0} ms latency per request, pages of {1}; floor: one request per page{2}" -f $LatencyMs, $PageSize,
        ($Rounds -gt 1 ? "; median of $Rounds runs" : ''))
    foreach ($label in $builds.Keys) {
        $f = $runs[$label]
        $listMs = Get-BenchMedian @($f | ForEach-Object { [double]::Parse($_[0], $inv) })
        $waitMs = Get-BenchMedian @($f | ForEach-Object { [double]::Parse($_[2], $inv) })
        Write-BenchFigure -Bench List -Figure "${label}Get-MgwJob, $Jobs jobs" -Value $listMs -Floor $listFloor -Note "$($f[0][1]) requests"
        # Wait-MgwJob over finished jobs: one listing of every page (it lists all jobs, children included).
        Write-BenchFigure -Bench List -Figure "${label}Wait-MgwJob, $Watched finished jobs" -Value $waitMs -Floor $listFloor -Note "$($f[0][3]) requests"
    }
}
finally {
    Remove-Item -LiteralPath $script -Force -ErrorAction SilentlyContinue
}
