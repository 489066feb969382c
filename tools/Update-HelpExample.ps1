# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    Runs the examples of a help page as tests/HelpExamples.Tests.ps1 does and shows, or writes into the
    page, the output they really print.

.DESCRIPTION
    Reads the examples of docs/en-US/<Page>.md (tests/HelpExamples.ps1: markers, commands, output), runs the
    chosen runnable ones in a fresh pwsh against fresh local services, exactly as the help-example test does,
    and prints for each example whether it matches the page and, when it does not, each command with what it
    printed.

    With -Write, every example that ran and does not match gets its code block rewritten: each command keeps
    its lines and is followed by what it printed (trailing blanks cut, runs of blank lines made one, blank
    lines at the end dropped). An example that matches is left as it is (an ellipsis line the page uses is
    kept); an example whose setup failed or that did not finish is never written. Read the diff before
    committing: the output is the truth of this build, bugs included.

.EXAMPLE
    pwsh -NoProfile -File tools/Update-HelpExample.ps1 -Page Get-MgwJob -Example 1,2

.EXAMPLE
    pwsh -NoProfile -File tools/Update-HelpExample.ps1 -Page Get-MgwJob -Write
#>
[CmdletBinding()]
param(
    # A page name (Get-MgwJob) or the path of a page.
    [Parameter(Mandatory)] [string] $Page,
    # The example numbers to run; all runnable examples of the page when omitted. '2,3' works too (pwsh -File
    # passes a comma-separated list as one string).
    [string[]] $Example,
    # Rewrite the code blocks of the examples that do not match.
    [switch] $Write,
    [string] $ModulePath = (Join-Path $PSScriptRoot '../output/MgwTools/MgwTools.psd1'),
    [string] $DocsPath = (Join-Path $PSScriptRoot '../docs/en-US'),
    [string] $ExamplesPath = (Join-Path $PSScriptRoot '../docs/examples')
)
$ErrorActionPreference = 'Stop'
[int[]] $Example = @($Example | ForEach-Object { $_ -split ',' } | Where-Object { $_.Trim() } | ForEach-Object { [int]$_.Trim() })
. (Join-Path $PSScriptRoot '../tests/HelpExamples.ps1')

$path = if (Test-Path -LiteralPath $Page -PathType Leaf) { $Page } else { Join-Path $DocsPath "$Page.md" }
if (-not (Test-Path -LiteralPath $path -PathType Leaf)) { throw "No help page '$path'." }
if (-not (Test-Path -LiteralPath $ModulePath)) { throw "No built module at '$ModulePath': run ./build.ps1 -Task Build first." }
$path = (Resolve-Path -LiteralPath $path).Path
$name = [IO.Path]::GetFileNameWithoutExtension($path)

$all = @(Read-HelpExample $path)
$chosen = @($all | Where-Object { $_.Runnable -and (-not $Example -or $_.Number -in $Example) })
foreach ($n in @($Example | Where-Object { $_ -notin $all.Number })) { Write-Warning "$name has no example $n." }
foreach ($e in @($all | Where-Object { -not $_.Runnable -and (-not $Example -or $_.Number -in $Example) })) {
    Write-Warning "$name example $($e.Number) is not runnable ($($e.Reason)); not run."
}
if (-not $chosen) { return }

$work = Join-Path ([IO.Path]::GetTempPath()) "mgw-update-example-$([guid]::NewGuid().ToString('N'))"
try { $run = Invoke-PageExample $chosen $work (Resolve-Path $ModulePath).Path (Resolve-Path $ExamplesPath).Path }
finally { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }

# What a command printed, as the page shows it.
function ConvertTo-PageOutput([string[]] $Lines) {
    $kept = [System.Collections.Generic.List[string]]::new()
    foreach ($line in $Lines) {
        $line = $line.TrimEnd()
        if (-not $line -and $kept.Count -and -not $kept[-1]) { continue }
        $kept.Add($line)
    }
    while ($kept.Count -and -not $kept[-1]) { $kept.RemoveAt($kept.Count - 1) }
    , [string[]]$kept
}

$lines = [System.Collections.Generic.List[string]]([IO.File]::ReadAllText($path) -replace "`r`n?", "`n" -split "`n")
$rewrites = [System.Collections.Generic.List[object]]::new()
foreach ($e in $chosen) {
    $result = $run.Results[$e.Number]
    $label = "$name example $($e.Number) ($($e.Title))"
    if (-not $result) { Write-Warning "$label did not start:`n$($run.Output -join "`n")`n$($run.Stderr)"; continue }
    if ($result.SetupError) { Write-Warning "$label`: its setup failed: $($result.SetupError)"; continue }
    if (-not $result.Finished) { Write-Warning "$label did not finish:`n$($run.Stderr)"; continue }
    $matched = $true
    for ($i = 0; $i -lt $e.Commands.Count; $i++) {
        if (-not (Test-ExampleOutput $e.Commands[$i].Expected ([string[]]$result.Commands[$i])).Match) { $matched = $false }
    }
    if ($matched) { "${label}: matches"; continue }
    "${label}: differs; it prints:"
    $block = [System.Collections.Generic.List[string]]::new()
    for ($i = 0; $i -lt $e.Commands.Count; $i++) {
        foreach ($l in $e.Commands[$i].Source) { $block.Add($l) }
        foreach ($l in (ConvertTo-PageOutput ([string[]]$result.Commands[$i]))) { $block.Add($l) }
    }
    $block
    foreach ($l in @($block | Where-Object { $_.Length -gt 120 })) { Write-Warning "$label has a line over 120 columns: $l" }
    $rewrites.Add([pscustomobject]@{ Example = $e; Block = $block })
}

if ($Write -and $rewrites.Count) {
    # From the last example up, so the line indexes of the ones before stay right.
    foreach ($r in @($rewrites | Sort-Object { $_.Example.CodeStart } -Descending)) {
        $lines.RemoveRange($r.Example.CodeStart, $r.Example.CodeEnd - $r.Example.CodeStart)
        $lines.InsertRange($r.Example.CodeStart, [string[]]$r.Block)
    }
    [IO.File]::WriteAllText($path, ($lines -join "`n"), [Text.UTF8Encoding]::new($false))
    "Wrote $($rewrites.Count) example(s) into $path."
}
