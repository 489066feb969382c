# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# New-MgwJobReport against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'New-MgwJobReport' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'asks for the report of the latest run and waits until it is finished' {
        Start-MgwJob x-a
        Complete-Run
        $asked = New-MgwJobReport x-a
        $asked | Should -BeOfType ([MgwTools.MgwReport])
        $asked.JobName | Should -Be 'x-a'
        $asked.RuntimeId | Should -Be 1
        $asked.Status | Should -Be 'Running'
        $svc.Clock.Advance([TimeSpan]::FromSeconds(10))
        $report = Get-MgwJobReport x-a -Wait -Timeout 30 -PollInterval 0.1
        $report.Status | Should -Be 'Finished'
        $report.JobVersion | Should -Be (Get-StoredJob x-a).Version
        $report.FailedListPrefix | Should -Not -BeNullOrEmpty
    }
}
