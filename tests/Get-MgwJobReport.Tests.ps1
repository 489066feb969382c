# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Get-MgwJobReport against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Get-MgwJobReport' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'reads NotExist when no report was asked for' {
        Start-MgwJob x-b
        (Get-MgwJobReport x-b).Status | Should -Be 'NotExist'
    }
}
