# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    Import-Module time of the built module, median over fresh pwsh processes. Prints figures; never fails on time.

.DESCRIPTION
    Each run starts a new `pwsh -NoProfile -NonInteractive`. Inside it a Stopwatch times Import-Module alone;
    outside, the whole process is timed (start, import, exit). The same process without the import gives the
    pwsh start-up floor, so "process - floor" is what importing MgwTools adds to a script's run time.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Runs = 7
)
$ErrorActionPreference = 'Stop'
$pwsh = Join-Path $PSHOME ($IsWindows ? 'pwsh.exe' : 'pwsh')
$ModulePath = (Resolve-Path -LiteralPath $ModulePath).ProviderPath
$inv = [Globalization.CultureInfo]::InvariantCulture

function Measure-Child([string] $Command) {
    $sw = [Diagnostics.Stopwatch]::StartNew()
    $out = & $pwsh -NoProfile -NonInteractive -Command $Command
    $sw.Stop()
    if ($LASTEXITCODE -ne 0) { throw "Child pwsh failed ($LASTEXITCODE): $out" }
    [pscustomobject]@{ Inner = $(if ($out) { [double]::Parse(@($out)[-1], $inv) } else { 0 }); Process = $sw.Elapsed.TotalMilliseconds }
}

function Get-Median([double[]] $Values) {
    $s = $Values | Sort-Object
    $n = $s.Count
    if ($n % 2) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}

$import = "`$sw = [Diagnostics.Stopwatch]::StartNew(); Import-Module '$ModulePath' -ErrorAction Stop; `$sw.Stop(); " +
    "`$sw.Elapsed.TotalMilliseconds.ToString([Globalization.CultureInfo]::InvariantCulture)"
$null = Measure-Child 'exit 0'   # warm the file cache once; not counted
# Interleaved, so that a change in machine load hits both series alike.
$floor = [System.Collections.Generic.List[object]]::new()
$samples = [System.Collections.Generic.List[object]]::new()
foreach ($i in 1..$Runs) {
    $floor.Add((Measure-Child 'exit 0'))
    $samples.Add((Measure-Child $import))
}

$f = { param($v) $v.ToString('0', $inv).PadLeft(6) }
$importMs = [double[]]@($samples | ForEach-Object Inner)
$processMs = [double[]]@($samples | ForEach-Object Process)
$floorMs = [double[]]@($floor | ForEach-Object Process)
Write-Host "Import-Module MgwTools over $Runs fresh pwsh processes (ms):"
Write-Host ("  Import-Module (inside the process)  median {0}  min {1}  max {2}" -f (& $f (Get-Median $importMs)), (& $f ($importMs | Measure-Object -Minimum).Minimum), (& $f ($importMs | Measure-Object -Maximum).Maximum))
Write-Host ("  whole process with the import       median {0}  min {1}  max {2}" -f (& $f (Get-Median $processMs)), (& $f ($processMs | Measure-Object -Minimum).Minimum), (& $f ($processMs | Measure-Object -Maximum).Maximum))
Write-Host ("  whole process without it (floor)    median {0}  min {1}  max {2}" -f (& $f (Get-Median $floorMs)), (& $f ($floorMs | Measure-Object -Minimum).Minimum), (& $f ($floorMs | Measure-Object -Maximum).Maximum))
Write-Host ("  added by the import (median process - median floor): {0} ms" -f (& $f ((Get-Median $processMs) - (Get-Median $floorMs))).Trim())
