# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    New-MgwJob over 500 rows against the local service with 20 ms latency per request, at -ThrottleLimit 1, 4,
    8 and 16. Prints wall time, its ratio to the ideal, and peak memory; never passes or fails on time.

.DESCRIPTION
    The ideal is rows x requests per row x latency / ThrottleLimit: each row costs CreateJob + GetJob (2 requests),
    so 500 rows at 20 ms take 20 s one at a time and 1.25 s sixteen at a time. A ratio near 1 means the run is as
    slow as the service makes it and no slower. Each setting runs in its own fresh pwsh (the service runs in that
    process too), so peak working set is per run; "managed" is what the run allocated on the GC heap.

    With another build (-BaselineModulePath, or $env:MGW_BENCH_BASELINE) each setting also runs that build, in turn
    with this one (this, baseline, this, baseline ...), so before and after a change are measured in the same
    minutes of the machine's load. -Rounds (or $env:MGW_BENCH_ROUNDS) runs each more than once; the figure is the
    median.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rows = 500,
    [int] $LatencyMs = 20,
    [int[]] $ThrottleLimit = @(1, 4, 8, 16),
    # Another build's MgwTools.psd1 (say, a copy of main's output/MgwTools), timed in turn with this one.
    [string] $BaselineModulePath = $env:MGW_BENCH_BASELINE,
    [int] $Rounds = ($env:MGW_BENCH_ROUNDS ? [int]$env:MGW_BENCH_ROUNDS : 1)
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$inv = [Globalization.CultureInfo]::InvariantCulture
$requestsPerRow = 2

# One run, in a child process: prints "wallMs;jobs;requests;peakBytes;allocatedBytes;jitMs" (jitMs: time the JIT spent
# compiling during the run, on every thread: tiered compilation recompiling the code that became hot).
$child = @'
param($ModulePath, $Rows, $LatencyMs, $Limit)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$sources = 1..25 | ForEach-Object { 'src-{0:d2}' -f $_ }
$destinations = 1..([math]::Ceiling($Rows / 25)) | ForEach-Object { 'dest-{0:d2}' -f $_ }
$table = for ($i = 0; $i -lt $Rows; $i++) {
    [pscustomobject]@{ 'job-name' = 'bench-{0:d4}' -f $i; 'src-address' = $sources[$i % 25]; 'dest-address' = $destinations[[math]::Floor($i / 25)]
        'overwrite-mode' = 'always'; 'transfer-mode' = 'all'; 'max-bandwidth' = '200Mbps' }
}
# Warm-up on a throwaway service: JIT, first connection, format data.
Start-MgwEmulator -Address ($sources + $destinations)
$null = $table | Select-Object -First 8 | New-MgwJob -ThrottleLimit $Limit
Stop-MgwEmulator
$svc = Start-MgwEmulator -Address ($sources + $destinations) -Latency ([TimeSpan]::FromMilliseconds($LatencyMs)) -PassThru
[GC]::Collect()
$allocated = [GC]::GetTotalAllocatedBytes($true)
$jit = [System.Runtime.JitInfo]::GetCompilationTime($false)
$sw = [Diagnostics.Stopwatch]::StartNew()
$jobs = @($table | New-MgwJob -ThrottleLimit $Limit)
$sw.Stop()
$jit = [System.Runtime.JitInfo]::GetCompilationTime($false) - $jit
$allocated = [GC]::GetTotalAllocatedBytes($true) - $allocated
$peak = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
if ($jobs.Count -ne $Rows -or $svc.JobCount -ne $Rows) { throw "expected $Rows jobs, got $($jobs.Count) (service: $($svc.JobCount))" }
'{0};{1};{2};{3};{4};{5}' -f $sw.Elapsed.TotalMilliseconds.ToString([Globalization.CultureInfo]::InvariantCulture), $jobs.Count, $svc.Stats.Requests, $peak, $allocated,
    $jit.TotalMilliseconds.ToString('0', [Globalization.CultureInfo]::InvariantCulture)
'@

$builds = [ordered]@{ '' = $ModulePath }
if ($BaselineModulePath) { $builds['baseline: '] = (Resolve-Path -LiteralPath $BaselineModulePath).ProviderPath }

$script = Join-Path ([IO.Path]::GetTempPath()) "mgw-create-bench-$PID.ps1"
Set-Content -LiteralPath $script -Value $child
try {
    Write-Host ("Creation: New-MgwJob, {0} rows, {1} ms latency per request, {2} requests per row (CreateJob, GetJob); ideal: rows x requests x latency / ThrottleLimit{3}" -f $Rows, $LatencyMs, $requestsPerRow,
        ($Rounds -gt 1 ? "; median of $Rounds runs" : ''))
    foreach ($limit in $ThrottleLimit) {
        $runs = @{}
        foreach ($label in $builds.Keys) { $runs[$label] = [Collections.Generic.List[object]]::new() }
        for ($round = 0; $round -lt $Rounds; $round++) {
            foreach ($label in $builds.Keys) {
                $out = & $pwsh -NoProfile -NonInteractive -File $script -ModulePath $builds[$label] -Rows $Rows -LatencyMs $LatencyMs -Limit $limit
                if ($LASTEXITCODE -ne 0) { throw "bench run at ThrottleLimit $limit failed: $out" }
                $runs[$label].Add(@($out)[-1].Split(';'))
            }
        }
        $ideal = $Rows * $requestsPerRow * $LatencyMs / 1000 / $limit
        foreach ($label in $builds.Keys) {
            $f = $runs[$label] | Sort-Object { [double]::Parse($_[0], $inv) } | Select-Object -Index ([math]::Floor(($Rounds - 1) / 2))
            $wall = Get-BenchMedian @($runs[$label] | ForEach-Object { [double]::Parse($_[0], $inv) / 1000 })
            $spread = $Rounds -gt 1 ? (', spread {0:N2}-{1:N2} s' -f (($runs[$label] | ForEach-Object { [double]::Parse($_[0], $inv) / 1000 }) | Measure-Object -Minimum -Maximum | ForEach-Object { $_.Minimum; $_.Maximum })) : ''
            Write-BenchFigure -Bench Create -Figure "${label}New-MgwJob -ThrottleLimit $limit" -Value $wall -Floor $ideal -Unit s -Against ideal `
                -Note ('{0} requests, peak WS {1:N0} MB, managed alloc {2:N0} MB, JIT {3} ms{4}' -f $f[2], ([double]$f[3] / 1MB), ([double]$f[4] / 1MB), $f[5], $spread)
        }
    }
}
finally {
    Remove-Item -LiteralPath $script -Force -ErrorAction SilentlyContinue
}
