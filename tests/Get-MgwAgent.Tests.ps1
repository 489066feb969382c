# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Get-MgwAgent against the local service (127.0.0.1 only), on the agent test kit (tests/AgentTestKit.ps1). Its errors,
# completion and views are in Agents.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AgentTestKit.ps1') }
AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'Get-MgwAgent' {
    BeforeEach {
        $script:svc = Start-MgwEmulator -Address nas-src, oss-dest -PassThru
        $script:tunnel = New-MgwTunnel 100MB/s 500
        $script:other = New-MgwTunnel
    }
    AfterEach { Stop-AllEmulators }

    It 'Get-MgwAgent lists, gets by name, filters by wildcard and by tunnel, and takes piped names and tunnels' {
        Stop-AllEmulators
        $script:svc = Start-MgwEmulator -MaxPageSize 1 -PassThru
        $t1 = New-MgwTunnel
        $t2 = New-MgwTunnel
        $null = New-MgwAgent nas-b $t1.TunnelId -AgentEndpoint Public
        $null = New-MgwAgent nas-a $t1.TunnelId -AgentEndpoint Vpc
        $null = New-MgwAgent lab-c $t2.TunnelId -AgentEndpoint Public
        (Get-MgwAgent).Name | Should -Be @('lab-c', 'nas-a', 'nas-b')
        (Get-MgwAgent nas-a).AgentEndpoint | Should -Be ([MgwTools.MgwAgentEndpoint]::Vpc)
        (Get-MgwAgent 'NAS-*').Name | Should -Be @('nas-a', 'nas-b')
        (Get-MgwAgent -TunnelId $t2.TunnelId).Name | Should -Be 'lab-c'
        ($t1 | Get-MgwAgent).Name | Should -Be @('nas-a', 'nas-b')
        ([pscustomobject]@{ AgentName = 'lab-c' } | Get-MgwAgent).Name | Should -Be 'lab-c'
        (Get-MgwAgent 'nas-a' | Get-MgwAgent).Name | Should -Be 'nas-a'
    }

    It 'Get-MgwAgent -Status adds each agent''s state: <State>' -TestCases @(
        @{ State = 'OK' }
        @{ State = 'Disconnected' }
        @{ State = 'NoResponse' }
    ) {
        param($State)
        $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
        $svc.SetAgentStatus('nas-agent', $State, '192.0.2.77', '9.9.9')
        foreach ($agent in @((Get-MgwAgent -Status), (Get-MgwAgent nas-agent -Status), (Get-MgwAgent -TunnelId $tunnel.TunnelId -Status))) {
            $agent.Status | Should -BeOfType ([MgwTools.MgwAgentStatus])
            ($agent.Status.Name, $agent.Status.Status, $agent.Status.State, $agent.Status.AgentIP, $agent.Status.AgentVersion) |
                Should -Be @('nas-agent', $State, [MgwTools.MgwAgentState]$State, '192.0.2.77', '9.9.9')
            $agent.Status.IsOK | Should -Be ($State -eq 'OK')
            $agent.HasActivationKey | Should -BeTrue
        }
    }
}
