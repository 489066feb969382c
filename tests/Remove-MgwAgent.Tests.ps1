# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Remove-MgwAgent against the local service (127.0.0.1 only), on the agent test kit (tests/AgentTestKit.ps1). Its errors,
# completion and views are in Agents.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AgentTestKit.ps1') }
AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'Remove-MgwAgent' {
    BeforeEach {
        $script:svc = Start-MgwEmulator -Address nas-src, oss-dest -PassThru
        $script:tunnel = New-MgwTunnel 100MB/s 500
        $script:other = New-MgwTunnel
    }
    AfterEach { Stop-AllEmulators }

    It 'Remove-MgwAgent deletes by name and from the pipeline; -WhatIf deletes nothing' {
        $null = New-MgwAgent nas-a $tunnel.TunnelId -AgentEndpoint Public
        $null = New-MgwAgent nas-b $tunnel.TunnelId -AgentEndpoint Public
        Get-MgwAgent | Remove-MgwAgent -WhatIf
        $svc.GetAgents() | Should -HaveCount 2
        Get-MgwAgent nas-a | Remove-MgwAgent -Confirm:$false
        Remove-MgwAgent nas-b -Confirm:$false
        $svc.GetAgents() | Should -HaveCount 0
        # With its agents gone, the tunnel can go.
        Remove-MgwTunnel $tunnel.TunnelId -Confirm:$false -ErrorAction Stop
    }
}
