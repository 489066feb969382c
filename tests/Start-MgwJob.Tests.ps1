# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Start-MgwJob against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Start-MgwJob' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'starts a job: writes nothing, or the refreshed job with -PassThru' {
        Start-MgwJob x-a | Should -BeNullOrEmpty
        (Get-StoredJob x-a).Status | Should -Be 'IMPORT_JOB_LAUNCHING'
        $job = Start-MgwJob x-b -PassThru
        $job.Name | Should -Be 'x-b'
        $job.Status | Should -Be 'IMPORT_JOB_LAUNCHING'
    }

    It 'starts a finished job again as a new run' {
        Start-MgwJob x-a
        Complete-Run
        Start-MgwJob x-a
        (Get-MgwJobHistory x-a -Latest).RuntimeId | Should -Be '2'
    }
}
