# Copyright (c) MgwTools contributors. Licensed under the MIT License.
BeforeAll {
    . (Join-Path $PSScriptRoot 'common.ps1')
    . (Join-Path $PSScriptRoot 'SessionHelpers.ps1')
    Save-SessionEnvironment
    $Account = '1234567890123456'
    $Secret = New-TestSecret 'Sec'
}

AfterAll { Restore-SessionEnvironment }

Describe 'Disconnect-Mgw' {
    BeforeEach {
        Reset-SessionEnvironment
        Connect-Mgw -AccountId $Account -Region cn-hangzhou -AccessKeyId LTAI5tDisconnect00001 -AccessKeySecret (New-Secure $Secret)
    }

    It 'clears the context, writes nothing to the output, and says so in verbose output' {
        $verbose = Disconnect-Mgw -Verbose 4>&1

        $verbose.Message | Should -Contain "Disconnected: the context for account '1234567890123456' in region 'cn-hangzhou' is cleared; no request was sent."
        @($verbose | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }) | Should -HaveCount 0
        Get-MgwContext -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'is idempotent: no error when there is nothing to clear' {
        Disconnect-Mgw

        $verbose = Disconnect-Mgw -Verbose -ErrorVariable errors 4>&1

        $errors | Should -HaveCount 0
        $verbose.Message | Should -Be 'The session has no context; nothing to disconnect.'
    }

    It 'keeps the context under -WhatIf' {
        Disconnect-Mgw -WhatIf

        (Get-MgwContext).AccountId | Should -Be $Account
    }

    It 'supports ShouldProcess with a low confirm impact' {
        $command = Get-Command Disconnect-Mgw
        $command.Parameters.Keys | Should -Contain 'WhatIf'
        $command.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact |
            Should -Be 'Low'
    }

    It 'clears only the current runspace' {
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest)
                    Import-Module $Manifest
                    Disconnect-Mgw
                }).AddArgument($ModuleManifest)
            $ps.Invoke()
        }
        finally { $ps.Dispose() }

        (Get-MgwContext).AccountId | Should -Be $Account
    }

    It 'leaves a context passed around as a value usable after disconnecting' {
        $saved = Get-MgwContext

        Disconnect-Mgw

        $saved.AccountId | Should -Be $Account
        (Get-ContextCredentials $saved).Secret | Should -Be $Secret
    }
}

Describe 'Disconnect-Mgw -PassThru' {
    It 'returns the context it cleared, and nothing without -PassThru' {
        $emu = Start-MgwEmulator -PassThru
        try {
            $before = Get-MgwContext
            $cleared = Disconnect-Mgw -PassThru
            $cleared | Should -BeOfType ([MgwTools.MgwContext])
            $cleared.Endpoint | Should -Be $before.Endpoint
            Get-MgwContext -ErrorAction Ignore | Should -BeNullOrEmpty
            Connect-Mgw -AccountId $emu.AccountId -Region $emu.Region -Endpoint $emu.Endpoint -Credential $emu.Credential
            Disconnect-Mgw | Should -BeNullOrEmpty
        }
        finally { Stop-MgwEmulator -ErrorAction Ignore }
    }
}
