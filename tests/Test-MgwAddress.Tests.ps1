# Copyright (c) MgwTools contributors. Licensed under the MIT License.
# Test-MgwAddress against the local service (127.0.0.1 only): what it returns, and every error it can produce, with its
# code, category and message. The address cmdlets' shared cases (no answer, views) are in Addresses.Tests.ps1.
BeforeAll { . (Join-Path $PSScriptRoot 'AddressTestKit.ps1') }

Describe 'Test-MgwAddress' {
    BeforeEach {
        $svc = Start-MgwEmulator -Address oss-a, oss-b, dest-x -MaxPageSize 2 -PassThru
        $null = New-MgwAddress nas-share -Agent agent-a -Path /mnt/share/
    }
    AfterEach { Stop-AllEmulators; Disconnect-Mgw -ErrorAction SilentlyContinue }

    It 'returns the service''s verdict: available, or the failure set for the address' {
        $svc.SetVerifyResult('oss-b', 'AccessDenied', 'The role cannot read bucket oss-b.')
        $v = Test-MgwAddress oss-a, oss-b
        $v | Should -HaveCount 2
        $v[0] | Should -BeOfType ([MgwTools.MgwAddressVerification])
        ($v[0].Name, $v[0].Status, $v[0].IsAvailable) | Should -Be @('oss-a', 'available', $true)
        ($v[1].Status, $v[1].IsAvailable, $v[1].ErrorCode, $v[1].ErrorMessage) | Should -Be @('unavailable', $false, 'AccessDenied', 'The role cannot read bucket oss-b.')
        $v[1].VerifyTime | Should -Not -BeNullOrEmpty
        $after = Get-MgwAddress oss-b
        ($after.VerifyState, $after.VerifyErrorCode, $after.VerifyHttpCode) | Should -Be @('Failed', 'AccessDenied', '403')
        (Get-MgwAddress oss-a).VerifyState | Should -Be 'Available'
        (Get-MgwAddress | Test-MgwAddress | Where-Object { -not $_.IsAvailable }).Name | Should -Be 'oss-b'
    }

    It '-Quiet gives a bool per address; one that does not exist is $false, without an error' {
        $svc.SetVerifyResult('oss-b', 'NoSuchBucket')
        $out = Test-MgwAddress oss-a, oss-b, no-such -Quiet -ErrorVariable err
        $out | Should -Be @($true, $false, $false)
        $err | Should -BeNullOrEmpty
    }

    It 'NoSuchImportAddress without -Quiet: ObjectNotFound' {
        $null = Test-MgwAddress no-such -ErrorVariable err -ErrorAction SilentlyContinue
        Assert-ErrorRecord $err[0] NoSuchImportAddress Test-MgwAddress ObjectNotFound "The import address 'no-such' does not exist." 'no-such'
    }

    It 'a service error with -Quiet is an error, not $false (SignatureDoesNotMatch: PermissionDenied)' {
        $wrong = Connect-Mgw -AccountId $svc.AccountId -Region $svc.Region -Endpoint $svc.Endpoint -AccessKeyId $svc.AccessKeyId `
            -AccessKeySecret (ConvertTo-SecureString 'wrong-secret-value' -AsPlainText -Force) -PassThru
        $out = Test-MgwAddress oss-a -Quiet -Context $wrong -ErrorVariable err -ErrorAction SilentlyContinue
        $out | Should -BeNullOrEmpty
        Assert-ErrorRecord $err[0] SignatureDoesNotMatch Test-MgwAddress PermissionDenied 'The request signature we calculated does not match the signature you provided. Check your AccessKey secret and signing method.*' 'oss-a'
    }

    It 'InvalidName for a name that cannot be sent, without a request' {
        $extra = @{}
        $before = $svc.Stats.Requests
        $record = Get-SingleError { Test-MgwAddress 'a/b' @extra }
        # -Quiet answers $false only for an address that does not exist; a name that cannot be sent is an error there too.
        $quiet = Get-SingleError { Test-MgwAddress 'a/b' -Quiet }
        $quiet.FullyQualifiedErrorId | Should -Be 'InvalidName,MgwTools.Commands.TestMgwAddressCommand'
        Assert-ErrorRecord $record 'InvalidName' 'Test-MgwAddress' 'InvalidArgument' "The data address name 'a/b' cannot be sent: it contains '/'. Use the name as the service lists it (data address names are 3 to 63 lowercase letters, digits, '_' and '-')." 'a/b'
        $svc.Stats.Requests | Should -Be $before
    }

    It 'NotConnected without a context: InvalidOperation, nothing sent' {
        $extra = @{}
        Disconnect-Mgw
        $before = $svc.Stats.Requests
        $record = Get-SingleError { Test-MgwAddress nas-share @extra }
        Assert-ErrorRecord $record 'NotConnected' 'Test-MgwAddress' 'InvalidOperation' 'This PowerShell session is not connected to Data Online Migration. Run Connect-Mgw first*' $null
        $svc.Stats.Requests | Should -Be $before
    }
}
