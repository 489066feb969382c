# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Test-MgwJobSpec over a generated 5,000-row CSV against the pipeline floor `Import-Csv | ForEach-Object { $_ }`,
# in the same process, median of 3 runs each. Prints figures only; never passes or fails on time.
param([Parameter(Mandatory)] [string] $ModulePath, [int] $Rows = 5000, [int] $Runs = 3)
$ErrorActionPreference = 'Stop'
. (Join-Path $PSScriptRoot 'BenchCommon.ps1')
Import-Module $ModulePath

$dir = Join-Path ([IO.Path]::GetTempPath()) "mgw-bench-$PID"
New-Item -ItemType Directory -Path $dir -Force | Out-Null
$csv = Join-Path $dir 'jobs-5000.csv'
try {
    $lines = [Collections.Generic.List[string]]::new()
    $lines.Add('job-name,src-address,dest-address,overwrite-mode,transfer-mode,max-bandwidth,max-qps,create-report,log-mode,key-filters-includes,last-modified-filters-includes,start-cron-expression,max-schedule-count,Tags')
    $addresses = 'oss-src-address', 'oss-dest-address', 'nas-src', 'oss-archive'
    for ($i = 1; $i -le $Rows; $i++) {
        $src = $addresses[$i % 4]; $dest = $addresses[($i + 1) % 4]
        $mode = if ($i % 3) { 'always,all' } else { 'never,' }
        $lines.Add(('job-{0:d5},{1},{2},{3},{4}Mbps,{5},{6},basic,"(.*)\.gif, logs/[0-9]{{4}}/.*",2025-07-03 00:00:00 > 2025-07-04 00:00:00,0 0 {7} * * *,10,team:t{8}' -f
                $i, $src, $dest, $mode, (100 + $i % 900), (100 + $i % 1900), ($i % 2 ? 'yes' : 'no'), ($i % 24), ($i % 7)))
    }
    [IO.File]::WriteAllLines($csv, $lines)

    function Measure-Median([scriptblock] $Work) {
        $times = foreach ($r in 1..$Runs) {
            [GC]::Collect()
            $sw = [Diagnostics.Stopwatch]::StartNew()
            & $Work | Out-Null
            $sw.Elapsed.TotalMilliseconds
        }
        ($times | Sort-Object)[[int][math]::Floor($Runs / 2)]
    }

    # Warm both paths once (JIT, type data, format data) so the medians compare steady states.
    Import-Csv $csv | Select-Object -First 50 | Test-MgwJobSpec | Out-Null
    $floor = Measure-Median { Import-Csv $csv | ForEach-Object { $_ } }
    $validate = Measure-Median { Import-Csv $csv | Test-MgwJobSpec }
    $valid = @(Import-Csv $csv | Test-MgwJobSpec -Quiet | Where-Object { $_ }).Count

    Write-Host ('Validation: {0} rows ({1} valid), median of {2}; floor: Import-Csv | ForEach-Object {{ $_ }}' -f $Rows, $valid, $Runs)
    Write-BenchFigure -Bench Validate -Figure "Import-Csv | Test-MgwJobSpec ($Rows rows)" -Value $validate -Floor $floor `
        -Note ('{0:N2} ms/row' -f ($validate / $Rows))
}
finally {
    Remove-Item $dir -Recurse -Force -ErrorAction SilentlyContinue
}
