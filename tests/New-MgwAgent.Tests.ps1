# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# New-MgwAgent against the local service (127.0.0.1 only), on the agent test kit (tests/AgentTestKit.ps1). Its errors,
# completion and views are in Agents.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AgentTestKit.ps1') }
AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'New-MgwAgent' {
    BeforeEach {
        $script:svc = Start-MgwEmulator -Address nas-src, oss-dest -PassThru
        $script:tunnel = New-MgwTunnel 100MB/s 500
        $script:other = New-MgwTunnel
    }
    AfterEach { Stop-AllEmulators }

    It 'New-MgwAgent creates an agent on a tunnel and writes it as the service reports it' {
        $agent = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Vpc -Tag @{ site = 'hq' }
        $agent | Should -BeOfType ([MgwTools.MgwAgent])
        ($agent.Name, $agent.TunnelId, $agent.AgentEndpoint, $agent.AgentEndpointText, $agent.DeployMethod, $agent.Tags) |
            Should -Be @('nas-agent', $tunnel.TunnelId, [MgwTools.MgwAgentEndpoint]::Vpc, 'vpc', 'default', 'site:hq')
        $agent.Owner | Should -Be $svc.AccountId
        $agent.Version | Should -Be $svc.GetAgents()[0].Version
        $agent.Status | Should -BeNullOrEmpty
        $agent.HasActivationKey | Should -BeTrue
        (Get-Key $agent).Length | Should -Be 32
        $svc.GetTunnels().Where({ $_.TunnelId -eq $tunnel.TunnelId }).Agents | Should -Be 1
    }

    It 'New-MgwAgent takes CSV rows by property name (AgentName, TunnelId, AgentEndpoint, Tags)' {
        $csv = Join-Path $TestDrive 'agents.csv'
        @"
AgentName,TunnelId,AgentEndpoint,Tags
nas-a,$($tunnel.TunnelId),public,site:a
nas-b,$($other.TunnelId),VPC,
"@ | Set-Content $csv
        $made = Import-Csv $csv | New-MgwAgent
        $made.Name | Should -Be @('nas-a', 'nas-b')
        $made.AgentEndpointText | Should -Be @('public', 'vpc')
        $made[0].Tags | Should -Be 'site:a'
        $made[1].Tags | Should -BeNullOrEmpty
        $made.TunnelId | Should -Be @($tunnel.TunnelId, $other.TunnelId)
    }

    It 'New-MgwAgent re-creates piped agents on another service (-Context)' {
        $null = New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public
        $agents = Get-MgwAgent
        $second = Start-MgwEmulator -NoConnect -PassThru
        $context = Connect-Mgw -AccountId $second.AccountId -Region $second.Region -Endpoint $second.Endpoint -Credential $second.Credential -PassThru
        $moved = New-MgwTunnel -Context $context
        $copied = $agents | Select-Object Name, AgentEndpoint, @{ n = 'TunnelId'; e = { $moved.TunnelId } } | New-MgwAgent -Context $context
        $copied.Name | Should -Be 'nas-agent'
        $second.GetAgents().Name | Should -Be 'nas-agent'
    }

    It 'New-MgwAgent -WhatIf sends nothing' {
        $before = $svc.Stats.Requests
        New-MgwAgent nas-agent $tunnel.TunnelId -AgentEndpoint Public -WhatIf
        $svc.Stats.Requests | Should -Be $before
        $svc.GetAgents() | Should -HaveCount 0
    }
}
