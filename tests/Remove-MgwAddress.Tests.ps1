# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Remove-MgwAddress against the local service (127.0.0.1 only): what it returns, and every error it can produce, with its
# code, category and message. The address cmdlets' shared cases (no answer, views) are in Addresses.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AddressTestKit.ps1') }

Describe 'Remove-MgwAddress' {
    BeforeEach {
        $svc = Start-MgwEmulator -Address oss-a, oss-b, dest-x -MaxPageSize 2 -PassThru
        $null = New-MgwAddress nas-share -Agent agent-a -Path /mnt/share/
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'has ConfirmImpact High' {
        $attribute = [MgwTools.Commands.RemoveMgwAddressCommand].GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attribute.ConfirmImpact | Should -Be 'High'
        $attribute.SupportsShouldProcess | Should -BeTrue
    }

    It 'asks first with the default $ConfirmPreference (a non-interactive session cannot answer, so nothing is removed); -WhatIf only says it' {
        $out = Invoke-FreshPwsh @'
$null = Start-MgwEmulator -Address oss-a
try { Remove-MgwAddress oss-a } catch { "asked: $($_.Exception.GetType().Name)" }
Remove-MgwAddress oss-a -WhatIf
(Get-MgwAddress).Name
'@
        $out | Should -Be @('asked: PSInvalidOperationException', "What if: Remove data address 'oss-a'.", 'oss-a')
    }

    It 'removes addresses, piped too' {
        Remove-MgwAddress oss-a -Confirm:$false
        Get-MgwAddress oss-b, dest-x | Remove-MgwAddress -Confirm:$false
        @((Get-MgwAddress).Name) | Should -Be @('nas-share')
    }

    It 'ImportAddressIsOccupied for an address a job uses: ResourceBusy, the name as target' {
        $null = New-MgwJob uses-a -SourceAddress oss-a -DestinationAddress dest-x -OverwriteMode Never
        Remove-MgwAddress oss-a, oss-b -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err | Should -HaveCount 1
        Assert-ErrorRecord $err[0] ImportAddressIsOccupied Remove-MgwAddress ResourceBusy "The import address 'oss-a' is used by import job 'uses-a'." 'oss-a'
        $err[0].Exception.Error.StatusCode | Should -Be 409
        @((Get-MgwAddress).Name) | Should -Be @('dest-x', 'nas-share', 'oss-a')
    }

    It 'NoSuchImportAddress for a name that does not exist: ObjectNotFound' {
        Remove-MgwAddress no-such -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        Assert-ErrorRecord $err[0] NoSuchImportAddress Remove-MgwAddress ObjectNotFound "The import address 'no-such' does not exist." 'no-such'
    }

    It 'InvalidName for a name that cannot be sent, without a request' {
        $extra = @{ Confirm = $false }
        $before = $svc.Stats.Requests
        $record = Get-SingleError { Remove-MgwAddress 'a/b' @extra }
        Assert-ErrorRecord $record 'InvalidName' 'Remove-MgwAddress' 'InvalidArgument' "The data address name 'a/b' cannot be sent: it contains '/'. Use the name as the service lists it (data address names are 3 to 63 lowercase letters, digits, '_' and '-')." 'a/b'
        $svc.Stats.Requests | Should -Be $before
    }

    It 'NotConnected without a context: InvalidOperation, nothing sent' {
        $extra = @{ Confirm = $false }
        Disconnect-Mgw
        $before = $svc.Stats.Requests
        $record = Get-SingleError { Remove-MgwAddress nas-share @extra }
        Assert-ErrorRecord $record 'NotConnected' 'Remove-MgwAddress' 'InvalidOperation' 'This PowerShell session is not connected to Data Online Migration. Run Connect-Mgw first*' $null
        $svc.Stats.Requests | Should -Be $before
    }
}
