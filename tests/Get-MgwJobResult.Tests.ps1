# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Get-MgwJobResult against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Get-MgwJobResult' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'reads the result of the latest run: NotReady while it runs, NoNeed without failed files' {
        Start-MgwJob x-a
        $running = Get-MgwJobResult x-a
        Complete-Run
        $done = Get-MgwJobResult x-a
        $running.ReadyRetry | Should -Be 'NotReady'
        $done | Should -BeOfType ([MgwTools.MgwJobResult])
        $done.JobName | Should -Be 'x-a'
        $done.RuntimeId | Should -Be 1
        $done.ReadyRetry | Should -Be 'NoNeed'
        $done.FailedObjectCount | Should -Be 0
        $done.CopiedObjectCount | Should -Be $done.TotalObjectCount
    }

    It 'reads ReadyRetry = Ready and where the failed-file list is, for a run with failed files' {
        New-TestJob flaky-c d -Start | Out-Null
        Complete-Run
        $result = Get-MgwJobResult flaky-c -RuntimeId 1
        $result.ReadyRetry | Should -Be 'Ready' -Because "the local service's 'flaky-c' runs end with failed files"
        $result.FailedObjectCount | Should -BeGreaterThan 0
        $result.AddressType | Should -Be 'ossinv'
        $result.InvPath | Should -Not -BeNullOrEmpty
    }

    It 'Get-MgwJobResult and New-MgwRetryJob follow the failure rate the service was started with' {
        Stop-AllEmulators
        $script:svc = Start-MgwEmulator -Address src-a, dst-a -FailureRate 0.01 -PassThru
        New-TestJob x-a a -Start | Out-Null
        Complete-Run
        $result = Get-MgwJobResult x-a
        $result.ReadyRetry | Should -Be 'Ready'
        $result.FailedObjectCount | Should -Be ([math]::Round($result.TotalObjectCount * 0.01, [MidpointRounding]::AwayFromZero))
        (New-MgwRetryJob x-a).ParentName | Should -Be 'x-a'
    }
}
