# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Wait-MgwJob against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Wait-MgwJob' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'waits until started jobs finish and writes each one' {
        Start-MgwJob x-a, x-b
        Complete-Run
        $done = Wait-MgwJob x-a, x-b -Timeout 60 -PollInterval 0.1
        $done.Name | Sort-Object | Should -Be @('x-a', 'x-b')
        $done.Status | Select-Object -Unique | Should -Be 'IMPORT_JOB_FINISHED'
    }

    It 'waits for the states given with -Status, and for a job named twice once' {
        Start-MgwJob x-a
        $svc.Clock.Advance([TimeSpan]::FromSeconds(20))
        $done = Wait-MgwJob x-a, x-a -Status import_job_doing -Timeout 60 -PollInterval 0.1
        $done | Should -HaveCount 1
        $done.Status | Should -Be 'IMPORT_JOB_DOING'
    }

    It 'serves many jobs from one listing per poll' {
        foreach ($p in 'd', 'e', 'f', 'g', 'h', 'i') { New-TestJob "many-$p" $p -Start | Out-Null }
        Start-MgwJob x-a, x-b, y-c
        Complete-Run
        $jobs = Get-MgwJob
        $before = $svc.Stats.Requests
        $done = $jobs | Wait-MgwJob -Timeout 60 -PollInterval 0.1 -ProgressAction SilentlyContinue
        $done | Should -HaveCount 9
        # One listing (a page) for the 9 jobs; progress reads each job's history only while jobs are pending.
        $svc.Stats.Requests - $before | Should -Be 1
    }

    It 'Wait-MgwJob follows a job the service starts on its StartCron schedule' {
        # A manual clock: an hour later by the service's clock, requests signed with the real time still count.
        Stop-AllEmulators
        $script:svc = Start-MgwEmulator -Address src-d, dst-d -Clock Manual -PassThru
        $null = New-MgwJob x-sched -SourceAddress src-d -DestinationAddress dst-d -OverwriteMode Never -StartCron '0 0 * * * *'
        $null = $svc.AdvanceClock([TimeSpan]::FromHours(1))
        # The hour passed holds the run the schedule started at the full hour, and its end.
        (Wait-MgwJob x-sched -Timeout 10 -PollInterval 0.1).Status | Should -Be 'IMPORT_JOB_FINISHED'
        (Get-MgwJobHistory x-sched -Latest).RuntimeId | Should -Be '1'
        (Get-MgwJobHistory x-sched -Latest).Operator | Should -Be 'system'
    }

    It 'Wait-MgwJob -Timeout ends with WaitTimeout while a manual clock stands still' {
        Stop-AllEmulators
        $script:svc = Start-MgwEmulator -Address src-a, dst-a -Clock Manual -PassThru
        New-TestJob x-a a -Start | Out-Null
        Wait-MgwJob x-a -Timeout 1 -PollInterval 0.1 -ErrorAction SilentlyContinue -ErrorVariable late | Should -BeNullOrEmpty
        $late.Exception.Error.Value | Should -Be 'IMPORT_JOB_LAUNCHING'
    }
}
