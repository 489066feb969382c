# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    Get-MgwJob over 500 jobs against the local service with 20 ms latency per request and pages of 50, and
    Wait-MgwJob over 200 finished jobs. Prints wall time and its ratio to the floor; never passes or fails on time.

.DESCRIPTION
    The floor of a listing is the sum of its page requests' latency: 500 jobs in pages of 50 are 10 pages, 200 ms.
    Wait-MgwJob over 200 jobs should cost one listing too (a poll reads list pages, not one GetJob per job), so its
    floor is the same 4 pages of 50 at 20 ms. A ratio near 1 means the cmdlet costs the requests and little else.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Jobs = 500,
    [int] $Watched = 200,
    [int] $PageSize = 50,
    [int] $LatencyMs = 20
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
$null = Get-MgwJob                                    # warm-up: JIT, connection, the first listing
$before = $svc.Stats.Requests
$sw = [Diagnostics.Stopwatch]::StartNew()
$listed = @(Get-MgwJob)
$listMs = $sw.Elapsed.TotalMilliseconds
$listRequests = $svc.Stats.Requests - $before
if ($listed.Count -ne $Jobs) { throw "listed $($listed.Count) of $Jobs jobs" }
$before = $svc.Stats.Requests
$sw.Restart()
$done = @(1..$Watched | ForEach-Object { [pscustomobject]@{ Name = "list-$_" } } | Wait-MgwJob -Timeout 60 -PollInterval 0.05 -ProgressAction SilentlyContinue)
$waitMs = $sw.Elapsed.TotalMilliseconds
$waitRequests = $svc.Stats.Requests - $before
if ($done.Count -ne $Watched) { throw "waited for $($done.Count) of $Watched jobs" }
$inv = [Globalization.CultureInfo]::InvariantCulture
'{0};{1};{2};{3}' -f $listMs.ToString($inv), $listRequests, $waitMs.ToString($inv), $waitRequests
'@

$script = Join-Path ([IO.Path]::GetTempPath()) "mgw-list-bench-$PID.ps1"
Set-Content -LiteralPath $script -Value $child
try {
    $out = & $pwsh -NoProfile -NonInteractive -File $script -ModulePath $ModulePath -Jobs $Jobs -Watched $Watched -PageSize $PageSize -LatencyMs $LatencyMs
    if ($LASTEXITCODE -ne 0) { throw "list bench failed: $out" }
    $f = @($out)[-1].Split(';')
    $inv = [Globalization.CultureInfo]::InvariantCulture
    $listPages = [math]::Ceiling($Jobs / $PageSize)
    $listFloor = $listPages * $LatencyMs
    $listMs = [double]::Parse($f[0], $inv)
    $waitMs = [double]::Parse($f[2], $inv)
    Write-Host ("Listing and watching: {0} ms latency per request, pages of {1}; floor: one request per page" -f $LatencyMs, $PageSize)
    Write-BenchFigure -Bench List -Figure "Get-MgwJob, $Jobs jobs" -Value $listMs -Floor $listFloor -Note "$($f[1]) requests"
    # Wait-MgwJob over finished jobs: one listing of every page (it lists all jobs, children included).
    Write-BenchFigure -Bench List -Figure "Wait-MgwJob, $Watched finished jobs" -Value $waitMs -Floor $listFloor -Note "$($f[3]) requests"
}
finally {
    Remove-Item -LiteralPath $script -Force -ErrorAction SilentlyContinue
}
