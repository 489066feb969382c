# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The README's walk-through (build.ps1 -Task Demo): validate the example CSV offline, preview a
# schedule, and start the local mgw service with the example addresses.
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$csv = Join-Path $PSScriptRoot '../docs/examples/jobs.csv'

Write-Host "`n== Test-MgwJobSpec: every row of docs/examples/jobs.csv, offline" -ForegroundColor Cyan
$results = Import-Csv $csv | Test-MgwJobSpec
$results | Format-Table | Out-Host

Write-Host '== The rows refused, with their reasons' -ForegroundColor Cyan
$results | Where-Object { -not $_.IsValid } | ForEach-Object Errors |
    Format-Table Row, Code, Field, Value, Message -Wrap | Out-Host

Write-Host '== A schedule preview: nightly at 02:00 (service zone assumed UTC), shown in Asia/Shanghai' -ForegroundColor Cyan
(ConvertTo-MgwCron -Daily -At 02:00 -TimeZone 'Asia/Shanghai' -Next 3) | Format-List Expression, Description | Out-Host
(ConvertTo-MgwCron -Daily -At 02:00 -TimeZone 'Asia/Shanghai' -Next 3).Next | Format-Table | Out-Host

Write-Host '== The local mgw service on loopback, with the example addresses' -ForegroundColor Cyan
$addresses = Import-Csv $csv | ForEach-Object { $_.'src-address'; $_.'dest-address' } |
    Where-Object { $_ } | Sort-Object -Unique
Start-MgwEmulator -Address $addresses -PassThru | Format-Table | Out-Host
Get-MgwContext | Format-Table | Out-Host
Stop-MgwEmulator
Write-Host ("{0} of {1} rows are valid; New-MgwJob (next) will create them on this service." -f
    @($results | Where-Object IsValid).Count, @($results).Count)
