# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'EmulatorHelpers.ps1')
}

Describe 'Stop-MgwEmulator' {
    BeforeEach { Stop-AllEmulators }
    AfterEach { Stop-AllEmulators }

    It 'stops the newest service of the session and frees its port' {
        $svc = Start-MgwEmulator -PassThru
        (Invoke-EmulatorRequest -Service $svc -Path '/joblist').Status | Should -Be 200
        Stop-MgwEmulator
        $svc.IsRunning | Should -BeFalse
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, $svc.Port)
        { $listener.Start() } | Should -Not -Throw
        $listener.Stop()
        { Invoke-EmulatorRequest -Service $svc -Path '/joblist' } | Should -Throw
    }

    It 'disconnects the session that was connected to it' {
        $svc = Start-MgwEmulator -PassThru
        [MgwTools.MgwSession]::Get().Endpoint | Should -Be $svc.Endpoint
        $verbose = Stop-MgwEmulator -Verbose 4>&1
        [MgwTools.MgwSession]::Get() | Should -BeNullOrEmpty
        ($verbose | Out-String) | Should -BeLike '*now disconnected*'
    }

    It 'leaves a context that points elsewhere alone' {
        $connected = Start-MgwEmulator -PassThru
        $other = Start-MgwEmulator -NoConnect -PassThru
        $other | Stop-MgwEmulator
        [MgwTools.MgwSession]::Get().Endpoint | Should -Be $connected.Endpoint
        $connected.IsRunning | Should -BeTrue
    }

    It 'stops the one piped to it, not the others' {
        $a = Start-MgwEmulator -NoConnect -PassThru
        $b = Start-MgwEmulator -NoConnect -PassThru
        $a | Stop-MgwEmulator
        $a.IsRunning | Should -BeFalse
        $b.IsRunning | Should -BeTrue
        Stop-MgwEmulator
        $b.IsRunning | Should -BeFalse
    }

    It 'Remove-Module stops the services the session started and frees their ports' {
        $out = Invoke-FreshPwsh @'
$port = (Start-MgwEmulator -PassThru).Port
Remove-Module MgwTools
$client = [Net.Sockets.TcpClient]::new()
try { $client.Connect('127.0.0.1', $port); 'still listening' } catch { 'stopped' } finally { $client.Dispose() }
'@
        $out | Should -Be 'stopped'
    }

    It 'keeps the service running with -WhatIf' {
        $svc = Start-MgwEmulator -PassThru
        Stop-MgwEmulator -WhatIf
        $svc.IsRunning | Should -BeTrue
    }

    It 'fails with EmulatorNotRunning when no service is running' {
        $err = $null
        try { Stop-MgwEmulator } catch { $err = $_ }
        $err | Should -Not -BeNullOrEmpty
        $err.FullyQualifiedErrorId | Should -Be 'EmulatorNotRunning,MgwTools.Commands.StopMgwEmulatorCommand'
        $err.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $err.Exception.Message | Should -Be 'No local mgw service started in this session is running. Start one with Start-MgwEmulator.'
    }

    It 'writes a non-terminating EmulatorNotRunning for a service already stopped' {
        $svc = Start-MgwEmulator -NoConnect -PassThru
        $svc | Stop-MgwEmulator
        $svc | Stop-MgwEmulator -ErrorVariable errs -ErrorAction SilentlyContinue
        $errs.Count | Should -Be 1
        $errs[0].FullyQualifiedErrorId | Should -Be 'EmulatorNotRunning,MgwTools.Commands.StopMgwEmulatorCommand'
        $errs[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $errs[0].Exception.Message | Should -Be "The local mgw service at '$($svc.Endpoint)' is not running (it was already stopped)."
        $errs[0].TargetObject | Should -Be $svc
    }
}
