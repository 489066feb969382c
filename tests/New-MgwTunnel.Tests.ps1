# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# New-MgwTunnel against the local service (127.0.0.1 only), on the agent test kit (tests/AgentTestKit.ps1). Its errors,
# completion and views are in Agents.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AgentTestKit.ps1') }
AfterAll { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

Describe 'New-MgwTunnel' {
    BeforeEach { $script:svc = Start-MgwEmulator -PassThru }
    AfterEach { Stop-AllEmulators }

    It 'New-MgwTunnel creates a tunnel with the limits in bytes/s, converting <Text>' -TestCases @(
        @{ Text = '100MB/s'; Bytes = 100000000L }
        @{ Text = '10MiB/s'; Bytes = 10485760L }
        @{ Text = '800Mbps'; Bytes = 100000000L }
        @{ Text = '10485760'; Bytes = 10485760L }
        @{ Text = 0; Bytes = 0L }
        @{ Text = 1073741824; Bytes = 1073741824L }
    ) {
        param($Text, $Bytes)
        $tunnel = New-MgwTunnel -MaxBandwidth $Text -MaxQps 500
        $tunnel | Should -BeOfType ([MgwTools.MgwTunnel])
        $tunnel.MaxBandwidth | Should -Be $Bytes
        $tunnel.Qos.MaxBandwidth | Should -Be $Bytes
        $tunnel.MaxQps | Should -Be 500
        $held = $svc.GetTunnels()
        $held.TunnelId | Should -Be $tunnel.TunnelId
        $held.MaxBandwidth | Should -Be $Bytes
    }

    It 'New-MgwTunnel without limits, with positional values, and with tags as a hashtable or text' {
        $open = New-MgwTunnel
        ($open.MaxBandwidth, $open.MaxQps) | Should -Be @(0, 0)
        $open.Owner | Should -Be $svc.AccountId
        $open.CreateTime | Should -Not -BeNullOrEmpty
        $positional = New-MgwTunnel 20MiB/s 7 -Tag 'team:data,env:prod'
        ($positional.MaxBandwidth, $positional.MaxQps, $positional.Tags) | Should -Be @(20971520, 7, 'team:data,env:prod')
        (New-MgwTunnel -Tag @{ team = 'ops' }).Tags | Should -Be 'team:ops'
        $svc.GetTunnels() | Should -HaveCount 3
    }

    It 'New-MgwTunnel copies piped tunnels by property name (their limits and tags)' {
        $null = New-MgwTunnel 50MiB/s 9 -Tag 'k:v'
        $copies = Get-MgwTunnel | New-MgwTunnel
        $copies | Should -HaveCount 1
        ($copies.MaxBandwidth, $copies.MaxQps, $copies.Tags) | Should -Be @(52428800, 9, 'k:v')
        $svc.GetTunnels() | Should -HaveCount 2
    }

    It 'New-MgwTunnel -WhatIf says what it would create and sends nothing' {
        $before = $svc.Stats.Requests
        New-MgwTunnel 1GiB/s 5 -WhatIf
        $svc.Stats.Requests | Should -Be $before
        $svc.GetTunnels() | Should -HaveCount 0
    }
}
