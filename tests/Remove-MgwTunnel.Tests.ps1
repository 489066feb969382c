# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Remove-MgwTunnel against the local service (127.0.0.1 only), on the agent test kit (tests/AgentTestKit.ps1). Its errors,
# completion and views are in Agents.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AgentTestKit.ps1') }
AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'Remove-MgwTunnel' {
    BeforeEach { $script:svc = Start-MgwEmulator -PassThru }
    AfterEach { Stop-AllEmulators }

    It 'Remove-MgwTunnel deletes by ID and from the pipeline; -WhatIf deletes nothing' {
        $a = New-MgwTunnel
        $b = New-MgwTunnel
        $a | Remove-MgwTunnel -WhatIf
        $svc.GetTunnels() | Should -HaveCount 2
        $a | Remove-MgwTunnel -Confirm:$false
        Remove-MgwTunnel $b.TunnelId -Confirm:$false
        $svc.GetTunnels() | Should -HaveCount 0
    }
}
