# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Get-MgwJobHistory against the local service (127.0.0.1 only), on the job test kit (tests/JobTestKit.ps1: three jobs x-a, x-b, y-c
# on address pairs a-c; runs from src-d end with 5% failed files; the service's clock is driven, never slept on).
# Its errors are in Jobs.Errors.Tests.ps1, its pipelines, -WhatIf and -Context in Jobs.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'JobTestKit.ps1') }

Describe 'Get-MgwJobHistory' {
    BeforeEach { $script:svc = Start-JobTestService }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'lists the state changes of a run, oldest first, with the counts at each change' {
        Start-MgwJob x-a
        Complete-Run
        $history = Get-MgwJobHistory x-a
        $history.Status | Should -Be @('IMPORT_JOB_LAUNCHING', 'IMPORT_JOB_PREPARING', 'IMPORT_JOB_DOING', 'IMPORT_JOB_FINISHED')
        $history | ForEach-Object { $_ | Should -BeOfType ([MgwTools.MgwJobRun]) }
        $history.RuntimeId | Select-Object -Unique | Should -Be '1'
        $history[-1].TotalCount | Should -BeGreaterThan 0
        $history[-1].CopiedCount | Should -Be $history[-1].TotalCount
        $history[-1].EndTime | Should -Not -BeNullOrEmpty
        $history[0].EndTime | Should -BeNullOrEmpty
    }

    It 'shows the counts of a run growing while it copies: live in Get-MgwJobResult, in the history at each pause' {
        Start-MgwJob x-a
        $svc.Clock.Advance([TimeSpan]::FromSeconds(35))     # 5 s launching, 10 s listing, 20 of 60 s copying
        $early = Get-MgwJobResult x-a
        $svc.Clock.Advance([TimeSpan]::FromSeconds(20))
        $later = Get-MgwJobResult x-a
        Suspend-MgwJob x-a
        $paused = Get-MgwJobHistory x-a -Latest

        $early.ReadyRetry | Should -Be 'NotReady'
        $early.CopiedObjectCount | Should -BeGreaterThan 0
        $later.CopiedObjectCount | Should -BeGreaterThan $early.CopiedObjectCount
        $later.CopiedObjectCount | Should -BeLessThan $later.TotalObjectCount
        $paused.Status | Should -Be 'IMPORT_JOB_SUSPEND'
        $paused.CopiedCount | Should -BeGreaterOrEqual $later.CopiedObjectCount    # the service's clock follows real time too
        $paused.CopiedCount | Should -BeLessThan $paused.TotalCount
    }

    It 'shows the newest history entry''s counts growing while the run copies, without a state change' {
        Start-MgwJob x-a
        $svc.Clock.Advance([TimeSpan]::FromSeconds(35))
        $early = Get-MgwJobHistory x-a -Latest
        $svc.Clock.Advance([TimeSpan]::FromSeconds(20))
        $later = Get-MgwJobHistory x-a -Latest
        $early.Status | Should -Be 'IMPORT_JOB_DOING'
        $early.CopiedCount | Should -BeGreaterThan 0
        $later.CopiedCount | Should -BeGreaterThan $early.CopiedCount
    }

    It 'keeps one run with -RuntimeId and the newest entry with -Latest' {
        Start-MgwJob x-a
        Complete-Run
        Start-MgwJob x-a
        (Get-MgwJobHistory x-a -RuntimeId 1).RuntimeId | Select-Object -Unique | Should -Be '1'
        (Get-MgwJobHistory x-a -RuntimeId 1 -Latest).Status | Should -Be 'IMPORT_JOB_FINISHED'
        (Get-MgwJobHistory x-a -Latest).Status | Should -Be 'IMPORT_JOB_LAUNCHING'
        Get-MgwJobHistory x-b | Should -BeNullOrEmpty
    }
}
