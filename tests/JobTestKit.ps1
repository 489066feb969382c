# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Dot-sourced in BeforeAll by the job-lifecycle Pester files: the built module, signed requests to the local service,
# and helpers for a service holding three jobs.
. (Join-Path $PSScriptRoot 'common.ps1')
. (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
$script:WholeRun = [TimeSpan]::FromMinutes(2)     # launching 5 s + listing 10 s + copying 60 s, with room
$script:Pairs = 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'
$script:Addresses = foreach ($p in $Pairs) { "src-$p"; "dst-$p" }

# A job on address pair $Pair ('a' → src-a, dst-a).
function New-TestJob([string] $Name, [string] $Pair, [switch] $Start, [string] $Parent) {
    $more = @{}
    if ($Parent) { $more.ParentJobName = $Parent }
    $job = New-MgwJob $Name -SourceAddress "src-$Pair" -DestinationAddress "dst-$Pair" -OverwriteMode Always -TransferMode All @more -ErrorAction Stop
    if ($Start) { Start-MgwJob $Name -ErrorAction Stop }
    $job
}

# The job as the service holds it now, read past the module (signed request to the emulator).
function Get-StoredJob([string] $Name) { (Invoke-EmulatorRequest -Service $svc -Path "/job/$Name").Xml.ImportJob }

# The names of every job the service holds, children included.
function Get-StoredJobName { @((Invoke-EmulatorRequest -Service $svc -Path '/joblist' -Query @{ all = 'true' }).Xml.ImportJobList.ImportJob | ForEach-Object Name) }

function Complete-Run { $svc.Clock.Advance($WholeRun) }

# A local service with the address pairs a-i and the jobs x-a, x-b and y-c (not started), connected to the session.
# Runs from src-d (the "flaky-*" jobs) end with 5% failed files.
function Start-JobTestService {
    $service = Start-MgwEmulator -Address $Addresses -PassThru
    $service.SetFailureRate('src-d', 0.05)
    New-TestJob x-a a | Out-Null
    New-TestJob x-b b | Out-Null
    New-TestJob y-c c | Out-Null
    $service
}
