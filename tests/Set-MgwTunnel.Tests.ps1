# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Set-MgwTunnel against the local service (127.0.0.1 only), on the agent test kit (tests/AgentTestKit.ps1). Its errors,
# completion and views are in Agents.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AgentTestKit.ps1') }
AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'Set-MgwTunnel' {
    BeforeEach { $script:svc = Start-MgwEmulator -PassThru }
    AfterEach { Stop-AllEmulators }

    It 'Set-MgwTunnel changes one limit and keeps the other, changes tags, and -PassThru writes the result' {
        $t = New-MgwTunnel 100MB/s 500
        $null = Set-MgwTunnel -Id $t.TunnelId -MaxQps 20
        $after = Get-MgwTunnel $t.TunnelId
        ($after.MaxBandwidth, $after.MaxQps) | Should -Be @(100000000, 20)
        $passed = $after | Set-MgwTunnel -MaxBandwidth 0 -PassThru
        ($passed.MaxBandwidth, $passed.MaxQps) | Should -Be @(0, 20)
        $tagged = Set-MgwTunnel $t.TunnelId -Tag @{ team = 'ops' } -PassThru
        ($tagged.Tags, $tagged.MaxBandwidth, $tagged.MaxQps) | Should -Be @('team:ops', 0, 20)
        $both = Set-MgwTunnel $t.TunnelId -MaxBandwidth 1GiB/s -MaxQps 0 -PassThru
        ($both.MaxBandwidth, $both.MaxQps) | Should -Be @(1073741824, 0)
    }

    It 'Set-MgwTunnel -WhatIf changes nothing' {
        $t = New-MgwTunnel 100MB/s 500
        $before = $svc.Stats.Requests
        Get-MgwTunnel | Set-MgwTunnel -MaxQps 1 -WhatIf
        $svc.Stats.Requests | Should -Be ($before + 1)   # the listing only
        (Get-MgwTunnel $t.TunnelId).MaxQps | Should -Be 500
    }
}
