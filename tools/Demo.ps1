# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# The README's walk-through (build.ps1 -Task Demo): validate the example CSV offline, preview a schedule,
# start the local mgw service, create the example addresses on it with New-MgwAddress (docs/examples/addresses.csv)
# and verify them, check the jobs online with Test-MgwJobSpec -Online, create the CSV's jobs with New-MgwJob, list
# the rows refused with their reasons, show that a re-run with -SkipExisting creates nothing, then start one job,
# watch it to the end and show its history.
param([Parameter(Mandatory)] [string] $ModulePath)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$csv = Join-Path $PSScriptRoot '../docs/examples/jobs.csv'
$addressCsv = Join-Path $PSScriptRoot '../docs/examples/addresses.csv'
# Tables as wide as they need to be, whatever the console width (CI consoles are 80 columns).
function Out-Wide { $input | Out-String -Width 180 | Out-Host }

Write-Host "`n== Test-MgwJobSpec: every row of docs/examples/jobs.csv, offline" -ForegroundColor Cyan
$results = Import-Csv $csv | Test-MgwJobSpec
$results | Format-Table | Out-Wide

Write-Host '== The rows refused, with their reasons' -ForegroundColor Cyan
$results | Where-Object { -not $_.IsValid } | ForEach-Object Errors |
    Format-Table Row, Code, Field, Value, Message -Wrap | Out-Wide

Write-Host '== A schedule preview: nightly at 02:00 (service zone assumed UTC), shown in Asia/Shanghai' -ForegroundColor Cyan
(ConvertTo-MgwCron -Daily -At 02:00 -TimeZone 'Asia/Shanghai' -Next 3) | Format-List Expression, Description | Out-Wide
(ConvertTo-MgwCron -Daily -At 02:00 -TimeZone 'Asia/Shanghai' -Next 3).Next | Format-Table | Out-Wide

Write-Host '== The local mgw service on loopback' -ForegroundColor Cyan
$service = Start-MgwEmulator -PassThru
$service | Format-Table | Out-Wide
Get-MgwContext | Format-Table | Out-Wide

Write-Host '== New-MgwAddress: Import-Csv docs/examples/addresses.csv | New-MgwAddress -Credential $key (OSS, NAS and S3 rows)' -ForegroundColor Cyan
# A made-up key pair for the S3 row, its secret generated now: it is sent once and shown nowhere.
$key = [pscredential]::new('AKIAIOSFODNN7EXAMPLE', (ConvertTo-SecureString ([guid]::NewGuid().ToString('N')) -AsPlainText -Force))
$addresses = Import-Csv $addressCsv | New-MgwAddress -Credential $key -ErrorVariable badAddresses -ErrorAction SilentlyContinue
$addresses | Format-Table | Out-Wide
$badAddresses | ForEach-Object { $_.Exception.Error } | Format-Table Row, Code, Field, Value, Message -Wrap | Out-Wide

Write-Host '== Test-MgwAddress: the service checks it can reach each address (the S3 key is refused here)' -ForegroundColor Cyan
$service.SetVerifyResult('s3-logs', 'AccessDenied', 'The AccessKey cannot list bucket app-logs.')
Get-MgwAddress | Test-MgwAddress | Format-Table | Out-Wide

Write-Host '== Test-MgwJobSpec -Online: what the service says about the valid rows (addresses, names, parents, quota)' -ForegroundColor Cyan
Import-Csv $csv | Test-MgwJobSpec -Online | Where-Object IsValid | Format-Table | Out-Wide

Write-Host '== New-MgwJob: Import-Csv docs/examples/jobs.csv | New-MgwJob' -ForegroundColor Cyan
$jobs = Import-Csv $csv | New-MgwJob -ErrorVariable refused -ErrorAction SilentlyContinue -WarningAction SilentlyContinue |
    Sort-Object Row
$jobs | Format-Table | Out-Wide

Write-Host '== The rows New-MgwJob refused, with their reasons (nothing was sent for them)' -ForegroundColor Cyan
$refused | ForEach-Object { $_.Exception.Error } | Sort-Object Row |
    Format-Table Row, JobName, Code, Field, Message -Wrap | Out-Wide

Write-Host '== The same CSV again with -SkipExisting: existing jobs come back as they are, nothing is created' -ForegroundColor Cyan
$before = $service.Stats.JobsCreated
$again = @(Import-Csv $csv | New-MgwJob -SkipExisting -ErrorAction SilentlyContinue -WarningAction SilentlyContinue)
Write-Host ("{0} job(s) returned, {1} created by the re-run; the service holds {2} job(s) after {3} request(s)." -f
    $again.Count, ($service.Stats.JobsCreated - $before), $service.JobCount, $service.Stats.Requests)
Write-Host '== Run and watch: Start-MgwJob, the run half way, Wait-MgwJob to the end, Get-MgwJobHistory' -ForegroundColor Cyan
# The local service's clock is moved on instead of waiting the minute and a quarter a run takes on it.
Start-MgwJob nas-archive-2024 -PassThru | Format-Table | Out-Wide
$null = $service.Clock.Advance([TimeSpan]::FromSeconds(40))
Get-MgwJobHistory nas-archive-2024 -Latest | Format-Table | Out-Wide
$null = $service.Clock.Advance([TimeSpan]::FromSeconds(60))
Wait-MgwJob nas-archive-2024 -Timeout 30 -PollInterval 0.2 | Format-Table | Out-Wide
Get-MgwJobHistory nas-archive-2024 | Format-Table | Out-Wide
Stop-MgwEmulator
Write-Host ("{0} of {1} rows are valid and became jobs; {2} error(s) named the rows to fix." -f
    @($jobs).Count, @($results).Count, @($refused).Count)
