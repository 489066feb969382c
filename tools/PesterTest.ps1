# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Runs the Pester suite in this (fresh) process and writes pass/fail counts for build.ps1.
param(
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultPath,
    [Parameter(Mandatory)] [string] $SummaryPath,
    [string] $Filter = ($env:MGW_PESTER_FILTER ? $env:MGW_PESTER_FILTER : '*')
)
$ErrorActionPreference = 'Stop'
Import-Module $PesterPath

$files = Get-ChildItem $TestPath -Filter '*.Tests.ps1' | Where-Object Name -Like "$Filter.Tests.ps1"
$config = New-PesterConfiguration
$config.Run.Path = @($files.FullName)
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Detailed'
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $ResultPath 'Pester.xml'
$result = Invoke-Pester -Configuration $config

# Failed blocks and containers (a BeforeAll that threw, a file that does not parse) count as failures:
# Pester's own totals leave them out (toolchain.md §7.13).
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $SummaryPath -Encoding utf8
