# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Get-MgwJob against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Get-MgwJob' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'lists every top-level job without a name' {
        $jobs = Get-MgwJob
        $jobs | Should -HaveCount 3
        $jobs | ForEach-Object { $_ | Should -BeOfType ([MgwTools.MgwJob]) }
        $jobs.Name | Should -Be @('x-a', 'x-b', 'y-c')
    }

    It 'gets one job by exact name, and several names in order' {
        $job = Get-MgwJob x-b
        $job.Name | Should -Be 'x-b'
        $job.Version | Should -Be (Get-StoredJob x-b).Version
        (Get-MgwJob y-c, x-a).Name | Should -Be @('y-c', 'x-a')
    }

    It 'filters by wildcards, reading the listing once however many patterns come' {
        $before = $svc.Stats.Requests
        $jobs = [pscustomobject]@{ Name = 'x-*' }, [pscustomobject]@{ JobName = '*-b' }, [pscustomobject]@{ Name = 'nothing-*' } | Get-MgwJob
        $jobs.Name | Should -Be @('x-a', 'x-b', 'x-b')
        $svc.Stats.Requests - $before | Should -Be 1
    }

    It 'gets jobs by ID (-Id) and the children of a job (-ParentName)' {
        $parent = Get-MgwJob x-a
        New-TestJob x-a-child d -Parent x-a | Out-Null
        (Get-MgwJob -Id $parent.Version).Name | Should -Be 'x-a'
        $children = Get-MgwJob -ParentName x-a
        $children.Name | Should -Be 'x-a-child'
        $children.ParentVersion | Should -Be $parent.Version
        (Get-MgwJob).Name | Should -Not -Contain 'x-a-child'
    }
}
