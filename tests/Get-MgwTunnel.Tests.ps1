# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Get-MgwTunnel against the local service (127.0.0.1 only), on the agent test kit (tests/AgentTestKit.ps1). Its errors,
# completion and views are in Agents.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AgentTestKit.ps1') }
AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'Get-MgwTunnel' {
    BeforeEach { $script:svc = Start-MgwEmulator -PassThru }
    AfterEach { Stop-AllEmulators }

    It 'Get-MgwTunnel lists every tunnel, gets one by ID, filters by wildcard, and follows pages' {
        Stop-AllEmulators
        $script:svc = Start-MgwEmulator -MaxPageSize 1 -PassThru
        $a = New-MgwTunnel 10MiB/s
        $b = New-MgwTunnel
        $c = New-MgwTunnel
        $ids = [string[]]@($a, $b, $c).TunnelId
        [Array]::Sort($ids, [StringComparer]::Ordinal)
        (Get-MgwTunnel).TunnelId | Should -Be $ids
        (Get-MgwTunnel $b.TunnelId).TunnelId | Should -Be $b.TunnelId
        (Get-MgwTunnel -Id ($a.TunnelId.Substring(0, 8) + '*')).TunnelId | Should -Be $a.TunnelId
        (Get-MgwTunnel -Id 'zz*') | Should -BeNullOrEmpty
        ($a, $b | Get-MgwTunnel).TunnelId | Should -Be @($a.TunnelId, $b.TunnelId)
    }
}
