# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    Test-MgwJobSpec over a generated CSV against the pipeline floor `Import-Csv | ForEach-Object { $_ }`. Prints figures
    and their ratio to the floor; never passes or fails on time.

.DESCRIPTION
    Speed, warm: each round is a fresh pwsh (a worker: this script with -Worker) that imports the module, warms both
    pipelines up on 50 rows and times the floor and Import-Csv | Test-MgwJobSpec in turn, wall and process CPU time, over
    5,000 rows; the ratio is the worker's (both in one process). Settled: the same worker again after 15 more runs of each
    pipeline, once the tiered JIT has optimised the code both run. Speed, first in a process: the same pipelines as the first
    thing two fresh processes run after the import (what a CI step pays, JIT included), their ratio. With another build (-BaselineModulePath, or $env:MGW_BENCH_BASELINE) its workers
    run in the same rounds, in turn with this build's, so both ratios are of one run. Each figure is the median of the
    rounds.

    Reference: with the minimal binary module (tests/Benchmarks/MinimalModule, built by build.ps1 -Task Bench, or
    -MinimalModulePath / $env:MGW_BENCH_MINIMAL_MODULE), the same workers also time Import-Csv | Test-MinimalRow, a
    binary cmdlet that binds each row and writes one result with no work in between: what PowerShell charges any binary
    cmdlet in place of ForEach-Object, so the part of a ratio that is MgwTools's own shows.

    Memory: the peak working set of a whole pwsh that imports the module and validates 5,000 and then 50,000 rows piped
    from Import-Csv, against the same process running the floor: memory that grows with the row count shows as a ratio
    that grows from 5,000 to 50,000.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Rows = 5000,
    [int] $Rounds = 3,
    [int] $Runs = 3,
    [string] $BaselineModulePath = $env:MGW_BENCH_BASELINE,
    [string] $MinimalModulePath = $env:MGW_BENCH_MINIMAL_MODULE,
    # Internal: the command a worker times against the floor (Test-MgwJobSpec, or the minimal module's Test-MinimalRow).
    [string] $Command = 'Test-MgwJobSpec',
    # Internal: one worker process's measurement of this CSV, written as one JSON line; with -Cold, only the first
    # pipeline of the process ('floor' or 'validate').
    [string] $Worker,
    [string] $Cold
)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')

function New-JobsCsv([string] $Path, [int] $Count) {
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add('job-name,src-address,dest-address,overwrite-mode,transfer-mode,max-bandwidth,max-qps,create-report,log-mode,key-filters-includes,last-modified-filters-includes,start-cron-expression,max-schedule-count,Tags')
    $addresses = 'oss-src-address', 'oss-dest-address', 'nas-src', 'oss-archive'
    for ($i = 1; $i -le $Count; $i++) {
        $src = $addresses[$i % 4]; $dest = $addresses[($i + 1) % 4]
        $mode = if ($i % 3) { 'always,all' } else { 'never,' }
        $lines.Add(('job-{0:d5},{1},{2},{3},{4}Mbps,{5},{6},basic,"(.*)\.gif, logs/[0-9]{{4}}/.*",2025-07-03 00:00:00 > 2025-07-04 00:00:00,0 0 {7} * * *,10,team:t{8}' -f
                $i, $src, $dest, $mode, (100 + $i % 900), (100 + $i % 1900), ($i % 2 ? 'yes' : 'no'), ($i % 24), ($i % 7)))
    }
    [IO.File]::WriteAllLines($Path, $lines)
}

if ($Worker) {
    # One process: the floor and the validation, timed in turn, medians of $Runs (wall, and this process's CPU time).
    Import-Module $ModulePath
    if ($Command -ne 'Test-MgwJobSpec') { Import-Module $MinimalModulePath }
    $process = [Diagnostics.Process]::GetCurrentProcess()
    function Measure-Work([scriptblock] $Work) {
        $wall = @(); $cpu = @()
        foreach ($r in 1..$Runs) {
            [GC]::Collect()
            $process.Refresh(); $cpu0 = $process.TotalProcessorTime.TotalMilliseconds
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $Work | Out-Null
            $wall += $sw.Elapsed.TotalMilliseconds
            $process.Refresh(); $cpu += $process.TotalProcessorTime.TotalMilliseconds - $cpu0
        }
        [pscustomobject]@{ Wall = Get-BenchMedian $wall; Cpu = Get-BenchMedian $cpu }
    }
    if ($Cold) {
        # The first pipeline of a fresh process, as a CI step runs it: everything it touches is JIT-compiled on the way.
        $first = if ($Cold -eq 'floor') { Measure-Work { Import-Csv $Worker | ForEach-Object { $_ } } } else { Measure-Work { Import-Csv $Worker | & $Command } }
        [ordered]@{ Wall = $first.Wall; Cpu = $first.Cpu } | ConvertTo-Json -Compress
        return
    }

    # Warm both paths on 50 rows (JIT, type and format data), then the medians of $Runs each. PowerShell's own code keeps
    # getting faster over the next runs (tiered JIT): these are figures of a script's first few thousand rows, not of a
    # process that has run the pipeline many times.
    Import-Csv $Worker | Select-Object -First 50 | ForEach-Object { $_ } | Out-Null
    Import-Csv $Worker | Select-Object -First 50 | & $Command | Out-Null
    $floor = Measure-Work { Import-Csv $Worker | ForEach-Object { $_ } }
    $validate = Measure-Work { Import-Csv $Worker | & $Command }
    $valid = if ($Command -eq 'Test-MgwJobSpec') { @(Import-Csv $Worker | Test-MgwJobSpec -Quiet | Where-Object { $_ }).Count } else { 0 }
    # Settled: the same after both pipelines have run 15 times more, when the tiered JIT has optimised the code both run
    # (what a long-lived process, or a script that validates several files, gets).
    foreach ($i in 1..15) {
        Import-Csv $Worker | ForEach-Object { $_ } | Out-Null
        Import-Csv $Worker | & $Command | Out-Null
    }
    $settledFloor = Measure-Work { Import-Csv $Worker | ForEach-Object { $_ } }
    $settled = Measure-Work { Import-Csv $Worker | & $Command }
    [ordered]@{
        FloorWall = $floor.Wall; FloorCpu = $floor.Cpu; Wall = $validate.Wall; Cpu = $validate.Cpu; Valid = $valid
        SettledFloorWall = $settledFloor.Wall; SettledFloorCpu = $settledFloor.Cpu; SettledWall = $settled.Wall; SettledCpu = $settled.Cpu
    } | ConvertTo-Json -Compress
    return
}

$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$builds = [ordered]@{ this = $ModulePath }
if ($BaselineModulePath) { $builds.baseline = (Resolve-Path -LiteralPath $BaselineModulePath).ProviderPath }
# The reference cmdlet runs in a worker of this build's shape (MgwTools imported too), timed in the same rounds.
if ($MinimalModulePath -and (Test-Path -LiteralPath $MinimalModulePath)) {
    $MinimalModulePath = (Resolve-Path -LiteralPath $MinimalModulePath).ProviderPath
    $builds.minimal = $ModulePath
}

$dir = Join-Path ([IO.Path]::GetTempPath()) "mgw-bench-$PID"
New-Item -ItemType Directory -Path $dir -Force | Out-Null
try {
    $csv = Join-Path $dir "jobs-$Rows.csv"
    New-JobsCsv $csv $Rows

    function Invoke-Worker([string] $Name, [string[]] $Arguments) {
        $reference = if ($Name -eq 'minimal') { @('-Command', 'Test-MinimalRow', '-MinimalModulePath', $MinimalModulePath) } else { @() }
        $Manifest = $builds[$Name]
        $out = & $pwsh -NoProfile -NonInteractive -File $PSCommandPath -ModulePath $Manifest -Worker $csv @reference @Arguments 2>&1
        if ($LASTEXITCODE -ne 0) { throw "Validate worker for '$Manifest' failed ($LASTEXITCODE): $out" }
        @($out)[-1] | ConvertFrom-Json
    }

    $results = @{}; $firsts = @{}; $settleds = @{}
    foreach ($name in $builds.Keys) {
        $results[$name] = [Collections.Generic.List[object]]::new(); $firsts[$name] = [Collections.Generic.List[object]]::new()
        $settleds[$name] = [Collections.Generic.List[object]]::new()
    }
    for ($round = 0; $round -lt $Rounds; $round++) {
        foreach ($name in $builds.Keys) {
            $warm = Invoke-Worker $name @('-Runs', $Runs)
            $results[$name].Add($warm)
            $settleds[$name].Add([pscustomobject]@{ Wall = $warm.SettledWall; Cpu = $warm.SettledCpu; FloorWall = $warm.SettledFloorWall; FloorCpu = $warm.SettledFloorCpu })
            $floorFirst = Invoke-Worker $name @('-Runs', 1, '-Cold', 'floor')
            $first = Invoke-Worker $name @('-Runs', 1, '-Cold', 'validate')
            $firsts[$name].Add([pscustomobject]@{ Wall = $first.Wall; Cpu = $first.Cpu; FloorWall = $floorFirst.Wall; FloorCpu = $floorFirst.Cpu })
        }
    }

    Write-Host (('Validation: {0} rows ({1} valid), {2} rounds of processes, medians; floor: Import-Csv | ForEach-Object {{ $_ }}. Warm: after 50 rows, ' +
        'median of {3} runs, floor in the same process. First in a process: the first pipeline of a fresh pwsh (as a CI step), floor likewise. ' +
        'Settled: after 15 more runs of each, once the tiered JIT has optimised both') -f $Rows, $results.this[0].Valid, $Rounds, $Runs)
    foreach ($set in @(@{ Figures = $results; Label = '' }, @{ Figures = $firsts; Label = ', first in a process' }, @{ Figures = $settleds; Label = ', settled' })) {
        foreach ($name in $builds.Keys) {
            $label = @{ this = 'Import-Csv | Test-MgwJobSpec'; baseline = 'baseline: Import-Csv | Test-MgwJobSpec'; minimal = 'reference: Import-Csv | Test-MinimalRow' }[$name] + $set.Label
            foreach ($kind in 'Wall', 'Cpu') {
                $figures = $set.Figures[$name]
                $value = Get-BenchMedian @($figures | ForEach-Object $kind)
                $floor = Get-BenchMedian @($figures | ForEach-Object "Floor$kind")
                $ratio = Get-BenchMedian @($figures | ForEach-Object { $_.$kind / $_."Floor$kind" })
                Write-BenchFigure -Bench Validate -Figure ("$label ($Rows rows), {0}" -f ($kind -eq 'Wall' ? 'wall' : 'CPU')) -Value $value -Floor $floor -Ratio $ratio `
                    -Note ('{0:N3} ms/row' -f ($value / $Rows))
            }
        }
        if ($builds.Contains('minimal')) {
            # Against the second floor, round by round: Test-MgwJobSpec's time over the reference cmdlet's, in the same state.
            $mine = $set.Figures.this; $reference = $set.Figures.minimal
            $ratio = Get-BenchMedian @(for ($i = 0; $i -lt $mine.Count; $i++) { $mine[$i].Wall / $reference[$i].Wall })
            Write-BenchFigure -Bench Validate -Figure ("Test-MgwJobSpec over Test-MinimalRow$($set.Label) ($Rows rows), wall") `
                -Value (Get-BenchMedian @($mine.Wall)) -Floor (Get-BenchMedian @($reference.Wall)) -Ratio $ratio
        }
    }

    # Peak memory of whole processes: the module validating N rows piped from Import-Csv, against the floor's process.
    Write-Host 'Validation memory: peak working set of a whole pwsh (import, then N rows), against the floor''s process'
    $quoted = $ModulePath.Replace("'", "''")
    foreach ($count in 5000, 50000) {
        $file = Join-Path $dir "jobs-mem-$count.csv"
        New-JobsCsv $file $count
        $peak = @{}
        foreach ($pipeline in 'ForEach-Object { $_ }', 'Test-MgwJobSpec') {
            $command = "Import-Module '$quoted'; Import-Csv '$file' | $pipeline | Out-Null; [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64"
            $out = & $pwsh -NoProfile -NonInteractive -Command $command 2>&1
            if ($LASTEXITCODE -ne 0) { throw "Memory child failed ($LASTEXITCODE): $out" }
            $peak[$pipeline] = [double](@($out)[-1]) / 1MB
        }
        Write-BenchFigure -Bench Validate -Figure ('Test-MgwJobSpec peak working set, {0:N0} rows' -f $count) -Value $peak['Test-MgwJobSpec'] `
            -Floor $peak['ForEach-Object { $_ }'] -Unit MB
    }
}
finally {
    Remove-Item $dir -Recurse -Force -ErrorAction SilentlyContinue
}
