# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced by every *.Bench.ps1. One way to print a figure: its value next to its floor (the same work
# without MgwTools) or its ideal (what the work cannot go below), and the ratio value / floor, so that a
# change that slows one figure shows as a ratio that grows, whatever the machine's speed that day.
# build.ps1 -Task Bench points MGW_BENCH_RESULTS at a file and prints every figure again at the end.

$script:BenchInvariant = [Globalization.CultureInfo]::InvariantCulture

function Get-BenchMedian([double[]] $Values) {
    $s = [double[]]@($Values | Sort-Object)
    $n = $s.Count
    if ($n -eq 0) { return [double]::NaN }
    if ($n % 2) { $s[($n - 1) / 2] } else { ($s[$n / 2 - 1] + $s[$n / 2]) / 2 }
}

function Format-BenchValue([double] $Value, [string] $Unit) {
    $format = switch ($Unit) { 'ms' { '{0:N0} ms' } 's' { '{0:N2} s' } default { "{0:N2} $Unit" } }
    $format -f $Value
}

# Prints "  <figure>  <value>  <floor name> <floor>  <ratio>x  <note>" and records it for build.ps1's summary.
function Write-BenchFigure {
    param(
        [Parameter(Mandatory)] [string] $Bench,
        [Parameter(Mandatory)] [string] $Figure,
        [Parameter(Mandatory)] [double] $Value,
        [Parameter(Mandatory)] [double] $Floor,
        [string] $Unit = 'ms',
        [ValidateSet('floor', 'ideal')] [string] $Against = 'floor',
        # The ratio when it is not Value / Floor: the median of per-round ratios of runs made in turn.
        [double] $Ratio = [double]::NaN,
        [string] $Note = ''
    )
    $shown = if (-not [double]::IsNaN($Ratio)) { $Ratio } elseif ($Floor -gt 0) { $Value / $Floor } else { [double]::NaN }
    Write-Host ('  {0,-56} {1,11}   {2} {3,11}   {4,6:N2}x  {5}' -f $Figure, (Format-BenchValue $Value $Unit), $Against,
        (Format-BenchValue $Floor $Unit), $shown, $Note).TrimEnd()
    if ($env:MGW_BENCH_RESULTS) {
        $record = [ordered]@{ Bench = $Bench; Figure = $Figure; Value = $Value; Floor = $Floor; Against = $Against; Unit = $Unit; Ratio = $shown; Note = $Note }
        Add-Content -LiteralPath $env:MGW_BENCH_RESULTS -Value ($record | ConvertTo-Json -Compress) -Encoding utf8
    }
}
