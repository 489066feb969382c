# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Set-MgwJob against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Set-MgwJob' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'sets the bandwidth from friendly text and keeps the QPS it had' {
        Set-MgwJob x-a -MaxQps 300
        $job = Set-MgwJob x-a -MaxBandwidth 500Mbps -PassThru
        $job.MaxBandwidth | Should -Be 500000000
        $job.MaxQps | Should -Be 300
        $stored = Get-StoredJob x-a
        $stored.ImportQos.MaxBandWidth | Should -Be '500000000'
        $stored.ImportQos.MaxImportTaskQps | Should -Be '300'
    }

    It 'sets both values of every piped job, and of a running one' {
        Start-MgwJob x-b
        Get-MgwJob 'x-*' | Set-MgwJob -MaxBandwidth 1Gbps -MaxQps 1000
        foreach ($name in 'x-a', 'x-b') {
            (Get-StoredJob $name).ImportQos.MaxBandWidth | Should -Be '1000000000'
            (Get-StoredJob $name).ImportQos.MaxImportTaskQps | Should -Be '1000'
        }
        (Get-StoredJob y-c).ImportQos | Should -BeNullOrEmpty
    }
}
