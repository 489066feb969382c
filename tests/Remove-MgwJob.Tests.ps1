# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Remove-MgwJob against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Remove-MgwJob' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'deletes a job, and with -Wait returns once the service no longer knows it' {
        Remove-MgwJob x-a -Confirm:$false -Wait -Verbose 4>&1 | ForEach-Object { "$_" } |
            Should -Contain "Job 'x-a' is gone."
        $svc.JobCount | Should -Be 2
        (Invoke-EmulatorRequest -Service $svc -Path '/job/x-a').Code | Should -Be 'NoSuchImportJob'
    }

    It 'deletes a job with its children with -Recurse' {
        New-TestJob x-a-child d -Parent x-a | Out-Null
        Remove-MgwJob x-a -Recurse -Confirm:$false
        (Get-StoredJob x-a).Status | Should -Be 'IMPORT_JOB_DELETING' -Because 'deletion is asynchronous on the service'
        $svc.Clock.Advance([TimeSpan]::FromMinutes(1))
        Get-StoredJobName | Should -Be @('x-b', 'y-c')
    }

    It 'Remove-MgwJob -Wait waits while the service is still deleting the job' {
        Remove-MgwJob x-a -Confirm:$false
        (Get-MgwJob x-a).Status | Should -Be 'IMPORT_JOB_DELETING'
        Remove-MgwJob x-b -Confirm:$false -Wait -TimeoutSec 60
        Get-StoredJobName | Should -Not -Contain 'x-b'
    }
}
