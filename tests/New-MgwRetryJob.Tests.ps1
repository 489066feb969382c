# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# New-MgwRetryJob against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'New-MgwRetryJob' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'creates and starts a child job for the failed files, and gives it back when run again' {
        $parent = New-TestJob flaky-c d -Start
        Complete-Run
        $retry = New-MgwRetryJob flaky-c -Start
        $retry.Name | Should -Be 'flaky-c-retry-1'
        $retry.ParentVersion | Should -Be $parent.Version
        $retry.DestinationAddress | Should -Be 'dst-d'
        $retry.SourceAddress | Should -Be 'flaky-c-retry-1'
        $retry.Status | Should -Be 'IMPORT_JOB_LAUNCHING'
        $svc.Addresses | Should -Contain 'flaky-c-retry-1'
        $created = $svc.Stats.JobsCreated

        $again = New-MgwRetryJob flaky-c
        $again.Version | Should -Be $retry.Version
        $svc.Stats.JobsCreated | Should -Be $created
        (Get-MgwJob -ParentName flaky-c).Name | Should -Be 'flaky-c-retry-1'
    }

    It 'names the retry job with -NewName and retries an earlier run with -RuntimeId' {
        New-TestJob flaky-c d -Start | Out-Null
        Complete-Run
        Start-MgwJob flaky-c
        $retry = New-MgwRetryJob flaky-c -RuntimeId 1 -NewName logs-again
        $retry.Name | Should -Be 'logs-again'
        $retry.Status | Should -Be 'IMPORT_JOB_BEGIN'
    }
}
