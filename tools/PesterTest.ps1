# Copyright (c) MgwTools contributors. Licensed under the MIT License.
<#
.SYNOPSIS
    Runs the Pester suite in this (fresh) process and writes pass/fail counts for build.ps1.

.DESCRIPTION
    Each test file is run on its own (Invoke-Pester per file, one process for all of them, as before).
    The console gets one line per file and, for a failure, the failing test's name, message and location.
    Everything else the run prints (Pester's detailed report, the tests' expected errors, warnings,
    verbose, debug and host lines, what-if lines) goes to -LogPath, in plain text.
    NUnit XML results go to <ResultPath>/Pester/<file>.xml.

    Colour: none when the output is redirected or NO_COLOR is set (any value); the per-file lines are
    plain text always, so a log of them is readable.
#>
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $LogPath = (Join-Path $ResultPath 'pester.log'),
    [string] $Filter = ($env:MGW_PESTER_FILTER ? $env:MGW_PESTER_FILTER : '*')
)
$ErrorActionPreference = 'Stop'

$plain = [Console]::IsOutputRedirected -or -not [string]::IsNullOrEmpty($env:NO_COLOR)
if ($plain) {
    $PSStyle.OutputRendering = 'PlainText'
    # Child processes (the tests' fresh pwsh) inherit it.
    $env:NO_COLOR = '1'
}
Import-Module $PesterPath

$files = @(Get-ChildItem $TestPath -Filter '*.Tests.ps1' | Where-Object Name -Like "$Filter.Tests.ps1" | Sort-Object Name)
$xmlDir = Join-Path $ResultPath 'Pester'
Remove-Item $xmlDir -Recurse -Force -ErrorAction Ignore
New-Item -ItemType Directory -Path $xmlDir -Force | Out-Null
New-Item -ItemType Directory -Path (Split-Path $LogPath) -Force | Out-Null

$logFile = [IO.StreamWriter]::new($LogPath, $false, [Text.UTF8Encoding]::new($false))
$logFile.AutoFlush = $true
$log = [IO.TextWriter]::Synchronized($logFile)
# Everything the host prints (Pester's report; the tests' errors, warnings, verbose and what-if lines, host
# lines, Out-Host) goes to the log: the console host writes through Console.Out and Console.Error, which
# now are the log. Nothing is redirected inside the run, so a test's transcript still sees its own host
# output. The per-file lines go to the real standard output, kept here. The log is plain text.
$console = [Console]::Out
[Console]::SetOut($log)
[Console]::SetError($log)
$PSStyle.OutputRendering = 'PlainText'
function Write-Console([string] $Line) { $console.WriteLine($Line); $console.Flush() }

# Where an error happened: the Should line (Pester puts it in TargetObject), else the first frame in a test file.
function Get-ErrorLocation($ErrorRecord, [string] $TestFile) {
    $target = $ErrorRecord.TargetObject
    if ($target -is [System.Collections.IDictionary] -and $target['File'] -and $target['Line']) {
        return "$($target['File']):$($target['Line'])"
    }
    $frames = @("$($ErrorRecord.ScriptStackTrace)" -split "`r?`n" | Where-Object { $_ })
    $inFile = @($frames | Where-Object { $_ -like "*$([IO.Path]::GetFileName($TestFile))*" })
    if ($inFile) { return $inFile[0] -replace '^at\s+', '' }
    if ($ErrorRecord.InvocationInfo -and $ErrorRecord.InvocationInfo.ScriptName) {
        return "$($ErrorRecord.InvocationInfo.ScriptName):$($ErrorRecord.InvocationInfo.ScriptLineNumber)"
    }
    if ($frames) { return $frames[0] -replace '^at\s+', '' }
    'unknown location'
}

function Write-Failure([string] $Kind, [string] $Name, $ErrorRecords, [string] $TestFile) {
    Write-Console "    [-] $Kind $Name"
    foreach ($e in @($ErrorRecords)) {
        if ($null -eq $e) { continue }
        $message = "$($e.Exception.Message)".TrimEnd()
        $lines = @($message -split "`r?`n")
        if ($lines.Count -gt 20) { $lines = $lines[0..19] + "... ($($lines.Count - 20) more lines in the log)" }
        foreach ($line in $lines) { Write-Console "        $line" }
        Write-Console "        at $(Get-ErrorLocation $e $TestFile)"
    }
}

$passed = 0; $failed = 0; $skipped = 0
Write-Console "    Pester: $($files.Count) file(s); full output in $LogPath"
try {
    foreach ($file in $files) {
        $log.WriteLine("==> $($file.Name)")
        $config = New-PesterConfiguration
        $config.Run.Path = $file.FullName
        $config.Run.PassThru = $true
        $config.Output.Verbosity = 'Detailed'
        $config.Output.RenderMode = 'Plaintext'
        $config.TestResult.Enabled = $true
        $config.TestResult.OutputFormat = 'NUnitXml'
        $config.TestResult.OutputPath = Join-Path $xmlDir ($file.BaseName + '.xml')
        $result = $null
        $clock = [Diagnostics.Stopwatch]::StartNew()
        # Pester's report and every stream the tests leave to the host go to the log (Console.Out and Error).
        $result = Invoke-Pester -Configuration $config
        $seconds = $clock.Elapsed.TotalSeconds

        if ($null -eq $result) {
            $failed++
            Write-Console ("  [FAIL] {0}: Pester returned no result (see the log)" -f $file.Name)
            continue
        }
        # Failed blocks and containers (a BeforeAll that threw, a file that does not parse) count as failures:
        # Pester's own totals leave them out (toolchain.md §7.13).
        $fileFailed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
        if ($result.TotalCount -eq 0 -and $fileFailed -eq 0) { $fileFailed = 1 }
        $passed += $result.PassedCount; $failed += $fileFailed; $skipped += $result.SkippedCount
        $mark = $fileFailed -gt 0 ? '[FAIL]' : '[ ok ]'
        $extra = $result.SkippedCount -gt 0 ? ", $($result.SkippedCount) skipped" : ''
        Write-Console ("  {0} {1}: {2} passed, {3} failed{4} ({5:0.0} s)" -f $mark, $file.Name, $result.PassedCount, $fileFailed, $extra, $seconds)
        foreach ($c in $result.FailedContainers) { Write-Failure 'file' $file.Name $c.ErrorRecord $file.FullName }
        foreach ($b in $result.FailedBlocks) { Write-Failure 'block' $b.ExpandedPath $b.ErrorRecord $file.FullName }
        foreach ($t in $result.Failed) { Write-Failure 'test' $t.ExpandedPath $t.ErrorRecord $file.FullName }
        if ($result.TotalCount -eq 0 -and $result.FailedContainersCount -eq 0) { Write-Console '    [-] no test ran in this file' }
    }
}
finally {
    $log.Flush()
}

[pscustomobject]@{ Passed = $passed; Failed = $failed; Skipped = $skipped } |
    ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
