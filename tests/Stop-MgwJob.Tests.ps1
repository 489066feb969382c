# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Stop-MgwJob against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Stop-MgwJob' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'closes a job: the run ends as interrupted' {
        Start-MgwJob x-a
        (Stop-MgwJob x-a -Confirm:$false -PassThru).Status | Should -Be 'IMPORT_JOB_CLOSING'
        Complete-Run
        $last = Get-MgwJobHistory x-a -Latest
        $last.Status | Should -Be 'IMPORT_JOB_FINISHED'
        $last.RuntimeState | Should -Be 'Interrupt'
    }
}
